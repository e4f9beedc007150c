from django.apps import AppConfig


class JobsConfig(AppConfig):
    """Chapter 9's jobs table (jobs_job): the queue both services share."""

    name = "jobs"
    # What `startproject` sets: ids are bigint, as in the reader's project.
    default_auto_field = "django.db.models.BigAutoField"
