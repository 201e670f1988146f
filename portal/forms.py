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
