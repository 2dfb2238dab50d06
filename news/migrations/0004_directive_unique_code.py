from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("news", "0003_directive_number_key"),
    ]

    operations = [
        migrations.AddConstraint(
            model_name="directive",
            constraint=models.UniqueConstraint(
                fields=("number_key", "symbol_key", "year", "issuer"),
                name="unique_directive_code",
                violation_error_message="Văn bản cùng số ký hiệu, năm và cơ quan ban hành đã có.",
            ),
        ),
        migrations.AddIndex(
            model_name="directive",
            index=models.Index(fields=["number_key", "symbol_key"], name="directive_code_idx"),
        ),
    ]
