"""Who may see the team's queue: members of the Negotiation team (given the model's change permission) and
superusers. Requests are never added or deleted in the admin: borrowers submit them, and they are kept."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Q
from wagtail.permission_policies import ModelPermissionPolicy

TEAM_PERMISSION = "negotiation.change_negotiationrequest"


def team_members():
    """Active users who hold the team's permission (through a group or directly) and active superusers: the
    people a request may be assigned to and the queue's "handled by" filter offers."""
    app_label, codename = TEAM_PERMISSION.split(".")
    permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename)
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(
            Q(is_superuser=True) | Q(groups__permissions__in=permission) | Q(user_permissions__in=permission)
        )
        .distinct()
        .order_by("email")
    )


class TeamPermissionPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        if action in ("add", "delete"):
            return False
        if action in ("view", "change"):
            return user.has_perm(TEAM_PERMISSION)
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)
