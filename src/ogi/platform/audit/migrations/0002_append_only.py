from django.db import migrations

from ogi.platform.audit.append_only import guard


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [migrations.RunPython(*guard("audit_auditentry"))]
