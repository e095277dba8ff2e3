"""Reminds the team of follow-up check-ins that have fallen due. Run it once a day (cron in production);
running it again the same day sends nothing twice."""

from django.core.management.base import BaseCommand

from portal.negotiation.check_ins import send_due_reminders


class Command(BaseCommand):
    help = "Email the negotiation team about follow-up check-ins that are due and not yet reminded."

    def handle(self, *args, **options):
        sent = send_due_reminders()
        self.stdout.write(f"{sent} check-in reminder(s) sent.")
