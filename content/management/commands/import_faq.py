"""manage.py import_faq FILE.jsonl: create or update FAQ answers from JSON Lines (content.faq_import)."""

from django.core.management.base import BaseCommand, CommandError

from content.faq_import import import_faq


class Command(BaseCommand):
    help = (
        "Create or update FAQ answers from JSON Lines files (one answer per line, matched by id and lang); "
        "publishes changed answers, which updates the search index. Exits with status 1 if any line failed."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE.jsonl")
        parser.add_argument(
            "--progress-every",
            type=int,
            default=50,
            metavar="N",
            help="Report progress every N lines (0: only the summary).",
        )

    def handle(self, *args, files, progress_every, **options):
        if progress_every < 0:
            raise CommandError("--progress-every must be 0 or more.")
        failed = 0
        for name in files:
            try:
                with open(name, encoding="utf-8") as lines:
                    stats = import_faq(lines, stdout=self.stdout, progress_every=progress_every)
            except OSError as error:
                raise CommandError(f"Cannot read {name}: {error.strerror}.") from None
            except UnicodeDecodeError:
                raise CommandError(f"{name} is not UTF-8 text.") from None
            for error in stats.errors:
                self.stderr.write(f"{name}, {error}")
            style = self.style.WARNING if stats.errors else self.style.SUCCESS
            self.stdout.write(style(f"{name}: {stats.summary()}."))
            failed += len(stats.errors)
        if failed:
            raise CommandError(f"{failed} line(s) could not be imported; the others were.")
