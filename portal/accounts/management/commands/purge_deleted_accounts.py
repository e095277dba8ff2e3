"""`manage.py purge_deleted_accounts`: run daily (cron or a scheduled task). For every account deleted more
than PRIVACY_RETENTION_DAYS days ago (setting, default 180), removes the names and free text left in its
requests: debt names in the snapshot, the letters, every message body and creditor name, and any evidence
file. Figures, dates and statuses stay for the anonymous statistics. Running it again changes nothing more."""

from django.conf import settings
from django.core.management.base import BaseCommand

from portal.accounts.privacy import purge_deleted_accounts


class Command(BaseCommand):
    help = "Remove names and free text from deleted accounts' requests once the retention period is over."

    def handle(self, *args, **options):
        done = purge_deleted_accounts()
        days = settings.PRIVACY_RETENTION_DAYS
        self.stdout.write(f"Anonymised {done} request(s) of accounts deleted over {days} days ago.")
