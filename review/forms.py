"""The reviewer's form: a verdict and comment per profile section, the overall decision; for a
correction also the reason. Nothing is preselected: every section must be decided."""

from django import forms

from declarations.sections import SECTIONS
from declarations.workflow import Decision
from review.decisions import CORRECTION_REASON_REQUIRED, SECTION_COMMENT_REQUIRED, SectionInput, validate_verdicts

COMMENT_ATTRS = {"rows": 2, "placeholder": "不通过时必须填写意见"}
DECISION_REQUIRED = "请选择总体结论：通过或不通过。"


def verdict_required(heading: str) -> str:
    return f"请为“{heading}”选择通过或不通过。"


class StageDecisionForm(forms.Form):
    stage_id = forms.IntegerField(widget=forms.HiddenInput)
    sequence = forms.IntegerField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(
        label="总体结论",
        choices=Decision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": DECISION_REQUIRED},
    )
    comment = forms.CharField(
        label="审核意见", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for section in SECTIONS:
            self.fields[f"verdict_{section.key}"] = forms.ChoiceField(
                label=section.heading,
                choices=Decision.choices,
                widget=forms.RadioSelect,
                error_messages={"required": verdict_required(section.heading)},
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

    def summary(self) -> list[dict]:
        """The valid form's verdicts, section by section, for the confirmation page."""
        labels = dict(Decision.choices)
        return [
            {"heading": s.heading, "verdict": i.verdict, "label": labels[i.verdict], "comment": i.comment}
            for s, i in zip(SECTIONS, self.section_inputs(), strict=True)
        ]

    def decision_label(self) -> str:
        return dict(Decision.choices)[self.cleaned_data["decision"]]

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


class CorrectionForm(StageDecisionForm):
    """A decided stage's decision, corrected before release: the reason is required and the form
    carries the decision the reviewer saw (its time), so a concurrent correction is not overwritten."""

    review_id = forms.IntegerField(widget=forms.HiddenInput)
    expected_decided_at = forms.DateTimeField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label="更正原因",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": CORRECTION_REASON_REQUIRED},
    )

    @classmethod
    def initial_for(cls, review) -> dict:
        initial = {
            "stage_id": review.stage_id,
            "sequence": review.sequence,
            "review_id": review.pk,
            "expected_decided_at": review.decided_at.isoformat(),
            "decision": review.decision,
            "comment": review.comment,
        }
        for verdict in review.verdicts.all():
            initial[f"verdict_{verdict.section_key}"] = verdict.verdict
            initial[f"comment_{verdict.section_key}"] = verdict.comment
        return initial
