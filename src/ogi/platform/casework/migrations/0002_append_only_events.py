from django.db import migrations

from ogi.platform.audit.append_only import guard


class Migration(migrations.Migration):
    dependencies = [("casework", "0001_initial"), ("audit", "0002_append_only")]
    operations = [migrations.RunPython(*guard("casework_event"))]
