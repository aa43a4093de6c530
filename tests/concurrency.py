"""Run functions in several threads at once, for the row-locking tests on PostgreSQL."""

import threading

from django.db import connection


def run_at_once(*targets) -> list:
    """Call each of `targets` in its own thread, all at the same moment; return their results or
    the exceptions they raised, in the order of `targets`. Each thread closes its own database
    connection."""
    barrier = threading.Barrier(len(targets))
    results: list = [None] * len(targets)

    def worker(index, target):
        try:
            barrier.wait()
            results[index] = target()
        except Exception as error:  # noqa: BLE001 - collected and asserted by the caller
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=item) for item in enumerate(targets)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def run_together(target, count: int) -> list:
    """`target` called in `count` threads at the same moment (see `run_at_once`)."""
    return run_at_once(*[target] * count)
