"""`make bench`: throughput and latency of the portal's pages as ratios to a minimal Django view."""
