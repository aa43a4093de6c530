from django.db import migrations, models


def second_release_after_the_second_deadline(apps, schema_editor):
    """Existing rounds release their second declarations' results after the same review period the
    first submissions had (from the submission deadline to the first release)."""
    DeclarationRound = apps.get_model("declarations", "DeclarationRound")
    for declaration_round in DeclarationRound.objects.all():
        review_period = declaration_round.results_release_at - declaration_round.submission_ends_at
        declaration_round.second_results_release_at = declaration_round.second_declaration_ends_at + review_period
        declaration_round.save(update_fields=["second_results_release_at"])


class Migration(migrations.Migration):
    dependencies = [("declarations", "0007_employer_step")]

    operations = [
        migrations.AddField(
            model_name="declarationround",
            name="second_results_release_at",
            field=models.DateTimeField(null=True, verbose_name="二次申报结果统一退回时间"),
        ),
        migrations.RunPython(second_release_after_the_second_deadline, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="declarationround",
            name="second_results_release_at",
            field=models.DateTimeField(
                help_text="二次申报的审核结果于此时间统一退回，不能早于二次申报截止时间。",
                verbose_name="二次申报结果统一退回时间",
            ),
        ),
        migrations.AddField(
            model_name="declarationround",
            name="one_reviewer_for_all_stages",
            field=models.BooleanField(
                default=False,
                help_text="默认同一人对同一申报只能审核一个阶段（初审、复审分离）。仅在本部门确实只有一名审核人时勾选。",
                verbose_name="允许同一人审核多个阶段",
            ),
        ),
    ]
