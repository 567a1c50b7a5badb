"""Stored addresses in the canonical form sign-in now compares exactly (common.identifiers)."""

from django.db import migrations

from common.identifiers import normalise_identifier


def normalise(apps, schema_editor):
    User = apps.get_model("agencies", "User")
    taken = set(User.objects.values_list("email", flat=True))
    for user in User.objects.all():
        email = normalise_identifier(user.email)
        if email != user.email and email not in taken:  # a clash stays as it was, for an admin
            User.objects.filter(pk=user.pk).update(email=email)
            taken.add(email)


class Migration(migrations.Migration):
    dependencies = [("agencies", "0005_audit_append_only_sqlite")]
    operations = [migrations.RunPython(normalise, migrations.RunPython.noop)]
