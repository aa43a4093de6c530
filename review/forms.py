"""The reviewer's form: a verdict and comment per profile section, the overall decision."""

from django import forms

from declarations.sections import SECTIONS
from declarations.workflow import Decision
from review.decisions import SECTION_COMMENT_REQUIRED, SectionInput, validate_verdicts

COMMENT_ATTRS = {"rows": 2, "placeholder": "不通过时必须填写意见"}


class StageDecisionForm(forms.Form):
    stage_id = forms.IntegerField(widget=forms.HiddenInput)
    sequence = forms.IntegerField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(label="总体结论", choices=Decision.choices, widget=forms.RadioSelect)
    comment = forms.CharField(
        label="审核意见", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for section in SECTIONS:
            self.fields[f"verdict_{section.key}"] = forms.ChoiceField(
                label=section.heading,
                choices=Decision.choices,
                initial=Decision.PASS,
                widget=forms.RadioSelect,
            )
            self.fields[f"comment_{section.key}"] = forms.CharField(
                label="意见", required=False, max_length=2000, widget=forms.Textarea(attrs=COMMENT_ATTRS)
            )

    def section_fields(self, key: str) -> tuple[forms.BoundField, forms.BoundField]:
        return self[f"verdict_{key}"], self[f"comment_{key}"]

    def section_inputs(self) -> list[SectionInput]:
        data = self.cleaned_data
        return [
            SectionInput(s.key, data.get(f"verdict_{s.key}", ""), data.get(f"comment_{s.key}", "")) for s in SECTIONS
        ]

    def clean(self):
        cleaned = super().clean()
        for section in SECTIONS:
            if (
                Decision.needs_comment(cleaned.get(f"verdict_{section.key}", ""))
                and not cleaned.get(f"comment_{section.key}", "").strip()
            ):
                # Beside the field as well as in the summary, so the reviewer sees where.
                self.add_error(f"comment_{section.key}", SECTION_COMMENT_REQUIRED)
        if not self.errors:
            for message in validate_verdicts(
                self.section_inputs(), cleaned.get("decision", ""), cleaned.get("comment", "")
            ):
                self.add_error(None, message)
        return cleaned
