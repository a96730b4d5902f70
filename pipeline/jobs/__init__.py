"""Builds as jobs on a task queue: the embedded default on one machine, or Celery with Redis across several."""
