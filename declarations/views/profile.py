"""The applicant home and the profile section pages (table with 新增/修改/删除, basic-info form)."""

from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.views import View
from django.views.generic import TemplateView

from declarations import locks, panels, queries
from declarations.access import ApplicantRequiredMixin
from declarations.display import columns, file_url, row_cells
from declarations.entries import EntryConflict, LimitReached, delete_entries, save_entry
from declarations.forms import entry_form_class
from declarations.locks import ProfileLocked, assert_profile_editable
from declarations.sections import SECTIONS_BY_KEY, Section, get_section


class HomeView(ApplicantRequiredMixin, TemplateView):
    template_name = "declarations/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["profile_summary"] = queries.profile_summary(self.request.user)
        context["current_declaration"] = queries.current_declaration(self.request.user)
        context["lock_reason"] = locks.profile_lock_reason(self.request.user)
        return context


class SectionPageMixin(ApplicantRequiredMixin):
    """A page of one section (`self.section`): refusals and saves lead back to its page."""

    section: Section

    def locked_response(self, error: ProfileLocked) -> HttpResponseRedirect:
        messages.error(self.request, str(error))
        return redirect(self.section.url)

    def save_and_return(self, form, saved_message: str) -> HttpResponseRedirect:
        """Save the valid form's entry and its uploads, or say why not; back to the section."""
        try:
            save_entry(self.request.user, self.section, form.save(commit=False), form.uploads)
        except ProfileLocked as error:
            return self.locked_response(error)
        except (LimitReached, EntryConflict) as error:
            messages.error(self.request, str(error))
        else:
            messages.success(self.request, saved_message)
        return redirect(self.section.url)


class SectionMixin(SectionPageMixin):
    """Resolves the table section from the URL (基本信息 has its own form view)."""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        section = SECTIONS_BY_KEY.get(kwargs["key"])
        if section is None or section.single:
            raise Http404
        self.section = section


class ProfileChangeMixin(SectionMixin):
    """Pages that change the profile refuse at once (GET or POST) while it is locked."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and request.user.is_applicant:
            try:
                assert_profile_editable(request.user, self.section.key)
            except ProfileLocked as error:
                return self.locked_response(error)
        return super().dispatch(request, *args, **kwargs)


class SectionView(SectionMixin, View):
    """A section's table of entries with a checkbox per row."""

    def get(self, request, key):
        entries = list(self.section.entries_of(request.user))
        limit = self.section.limit
        rows = [{"pk": entry.pk, "cells": row_cells(entry), "files": _file_links(entry)} for entry in entries]
        return render(
            request,
            "declarations/section_list.html",
            {
                "section": self.section,
                "columns": columns(self.section.model),
                "rows": rows,
                "count": len(entries),
                "limit": limit,
                "remaining": max(limit - len(entries), 0) if limit else None,
                "can_add": not limit or len(entries) < limit,
                "lock_reason": locks.profile_lock_reason(request.user, self.section.key),
            },
        )


def _file_links(entry) -> list[dict]:
    return [{"name": f.original_name, "url": file_url(f)} for f in entry.private_files()]


class EntryFormView(ProfileChangeMixin, View):
    template_name = "declarations/entry_form.html"

    def get_entry(self):
        return self.section.model(owner=self.request.user)

    def get_form(self, data=None, files=None):
        return entry_form_class(self.section)(data=data, files=files, instance=self.entry)

    def get(self, request, key, pk=None):
        self.entry = self.get_entry()
        return self.render_form(self.get_form())

    def post(self, request, key, pk=None):
        self.entry = self.get_entry()
        form = self.get_form(request.POST, request.FILES)
        if form.is_valid():
            return self.save_and_return(form, f"“{self.section.title}”已保存。")
        return self.render_form(form, status=400)

    def render_form(self, form, status: int = 200):
        return render(
            self.request,
            self.template_name,
            {"section": self.section, "form": form, "entry": self.entry, "creating": self.entry._state.adding},
            status=status,
        )


class EntryCreateView(EntryFormView):
    def get(self, request, key, pk=None):
        limit = self.section.limit
        if limit and self.section.entries_of(request.user).count() >= limit:
            messages.error(request, str(LimitReached(self.section)))
            return redirect(self.section.url)
        return super().get(request, key, pk)


class EntryUpdateView(EntryFormView):
    def get_entry(self):
        return get_object_or_404(self.section.entries_of(self.request.user), pk=self.kwargs["pk"])


def _selected_ids(values: list[str]) -> list[int]:
    return sorted({int(v) for v in values if v.isdigit()})


class EditSelectedView(SectionMixin, View):
    """修改: acts on exactly one ticked row."""

    def get(self, request, key):
        ids = _selected_ids(request.GET.getlist("ids"))
        if len(ids) != 1:
            messages.error(
                request, "请勾选一条记录后再点击“修改”。" if not ids else "一次只能修改一条记录，请只勾选一条。"
            )
            return redirect(self.section.url)
        return redirect("declarations:entry-edit", key=self.section.key, pk=ids[0])


class DeleteEntriesView(ProfileChangeMixin, View):
    """删除: a confirmation page listing the ticked rows, then the deletion."""

    def get(self, request, key):
        ids = _selected_ids(request.GET.getlist("ids"))
        if not ids:
            messages.error(request, "请先勾选要删除的记录。")
            return redirect(self.section.url)
        entries = list(self.section.entries_of(request.user).filter(pk__in=ids))
        if not entries:
            raise Http404
        return render(
            request,
            "declarations/delete_confirm.html",
            {
                "section": self.section,
                "columns": columns(self.section.model),
                "rows": [{"pk": e.pk, "cells": row_cells(e)} for e in entries],
            },
        )

    def post(self, request, key):
        ids = _selected_ids(request.POST.getlist("ids"))
        try:
            deleted = delete_entries(request.user, self.section, ids)
        except ProfileLocked as error:
            return self.locked_response(error)
        if deleted:
            messages.success(request, f"已删除 {deleted} 条记录。")
        else:
            messages.error(request, "没有可删除的记录。")
        return redirect(self.section.url)


class BasicInfoView(SectionPageMixin, View):
    """2.2.1 基本信息: one form, prefilled from the account."""

    template_name = "declarations/basic_info.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.section = get_section("basic-info")

    def get_form(self, data=None, files=None):
        user = self.request.user
        self.entry = queries.get_basic_info(user) or self.section.model(owner=user)
        defaults = queries.basic_info_defaults(user)
        initial = defaults if self.entry._state.adding else {}
        return entry_form_class(self.section)(
            data=data,
            files=files,
            instance=self.entry,
            initial=initial,
            account_defaults=defaults,
            locked=locks.profile_lock_reason(user, self.section.key) is not None,
        )

    def get(self, request):
        return self.render_form(self.get_form())

    def post(self, request):
        try:
            assert_profile_editable(request.user, self.section.key)
        except ProfileLocked as error:
            return self.locked_response(error)
        form = self.get_form(request.POST, request.FILES)
        if form.is_valid():
            return self.save_and_return(form, "基本信息已保存。")
        return self.render_form(form, status=400)

    def render_form(self, form, status: int = 200):
        photo = self.entry.photo if self.entry.photo_id else None
        return render(
            self.request,
            self.template_name,
            {
                "section": self.section,
                "form": form,
                "photo_url": file_url(photo) if photo else None,
                "lock_reason": locks.profile_lock_reason(self.request.user, self.section.key),
                "panels": panels.panels_for(self.section.key, self.request),
            },
            status=status,
        )
