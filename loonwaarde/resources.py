"""Import-export of the loonwaarde reference data, keyed on natural keys so re-imports update."""

from __future__ import annotations

from import_export import resources

from loonwaarde.models import Method, MinimumWage


class MinimumWageResource(resources.ModelResource):
    class Meta:
        model = MinimumWage
        import_id_fields = ["valid_from"]
        fields = ["valid_from", "hourly", "source"]
        skip_unchanged = True


class MethodResource(resources.ModelResource):
    class Meta:
        model = Method
        import_id_fields = ["code"]
        fields = ["code", "name", "valid_from", "valid_until", "national", "source"]
        skip_unchanged = True
