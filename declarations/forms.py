"""Forms of the declaration pages."""

from django import forms

from declarations.workflow import Status


class SubmitForm(forms.Form):
    pledge = forms.BooleanField(
        label="本人承诺：所填报的信息及上传的材料真实、准确、完整，如有虚假，愿承担一切后果。",
        required=True,
        error_messages={"required": "请先阅读并勾选诚信承诺。"},
    )
    # The status the page was shown in: a second tab or a retry after success submits nothing.
    expected_status = forms.ChoiceField(choices=Status.choices, widget=forms.HiddenInput)
