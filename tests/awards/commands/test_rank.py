"""The rank command: every category ranked now, or the job enqueued on commit."""

from django.core.management import call_command

from awards.models import Awards


def test_the_rank_command_ranks_every_category(awards, top, leaders, field):
    call_command("rank", "--awards", awards.code, "--sync")
    assert top.ranking.entries.count() == 5
    assert leaders.ranking.entries.count() == 5


def test_the_rank_command_without_sync_enqueues_the_job_on_commit(
    awards, top, field, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        call_command("rank", "--awards", awards.code)
    assert len(callbacks) == 1
    assert top.ranking.entries.filter(rank=1).count() == 1
    assert Awards.objects.get(pk=awards.pk).rank_requested_at is not None
