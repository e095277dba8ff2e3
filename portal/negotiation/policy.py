"""Who may see the team's queue: members of the Negotiation team (given the model's change permission) and
superusers. Requests are never added or deleted in the admin: borrowers submit them, and they are kept."""

from wagtail.permission_policies import ModelPermissionPolicy

TEAM_PERMISSION = "negotiation.change_negotiationrequest"


class TeamPermissionPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        if action in ("add", "delete"):
            return False
        if action in ("view", "change"):
            return user.has_perm(TEAM_PERMISSION)
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)
