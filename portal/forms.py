"""Form behaviour shared by the public and host-space forms."""


class AccessibleFormMixin:
    """Link each field to its help and errors (``aria-describedby``) and flag errors (``aria-invalid``)."""

    def full_clean(self):
        super().full_clean()
        self.describe_fields()

    def describe_fields(self):
        for name, field in self.fields.items():
            bound = self[name]
            described = []
            if field.help_text:
                described.append(f"{bound.auto_id}_helptext")
            if self.is_bound and name in self.errors:
                described.append(f"{bound.auto_id}_errors")
                field.widget.attrs["aria-invalid"] = "true"
            else:
                field.widget.attrs.pop("aria-invalid", None)
            if described:
                field.widget.attrs["aria-describedby"] = " ".join(described)

    def error_summary(self):
        """``[(field id or None, message)]`` for the summary at the top of the form."""
        summary = [(None, error) for error in self.non_field_errors()]
        for name in self.fields:
            if name in self.errors:
                summary.extend((self[name].auto_id, error) for error in self.errors[name])
        return summary


class CappedFormSet:
    """A formset that never builds more forms than it accepts.

    Django builds as many forms as the posted ``TOTAL_FORMS`` asks, up to
    ``absolute_max`` (``max_num`` + 1000 by default), before it refuses the
    count: ``periodes-TOTAL_FORMS=1000`` took 16 s and 4.4 MB to answer, and a
    few such requests in parallel stalled the site. Here ``absolute_max`` is
    ``max_num``: one form more than a person may fill is refused at once (with
    the formset's « too_many_forms » message), and no extra form is built.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.max_num is not None:
            self.absolute_max = min(self.absolute_max, self.max_num)


class RefusedUploadsMixin:
    """A form that says, on its field, that a file was dropped for its size.

    ``portal.uploads`` stops receiving a file past its limit, so the form sees no
    file at all; without this it would answer « Ce champ est obligatoire ».
    The view passes ``refused_uploads=portal.uploads.refused_uploads(request)``.
    """

    def __init__(self, *args, refused_uploads=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.refused_uploads = refused_uploads or {}

    def full_clean(self):
        super().full_clean()
        if not self.is_bound:
            return
        from portal.uploads import too_large_message

        for name, (file_name, limit) in self.refused_uploads.items():
            if name in self.fields:
                self._errors[name] = self.error_class([too_large_message(file_name, limit)])
                self.cleaned_data.pop(name, None)
