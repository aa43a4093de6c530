"""Run one function in several threads at once, for the row-locking tests on PostgreSQL."""

import threading

from django.db import connection


def run_together(target, count: int) -> list:
    """Start `count` threads that call `target` at the same moment; return their results or the
    exceptions they raised. Each thread closes its own database connection."""
    barrier = threading.Barrier(count)
    results: list = []

    def worker():
        try:
            barrier.wait()
            results.append(target())
        except Exception as error:  # noqa: BLE001 - collected and asserted by the caller
            results.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results
