"""Excel: workbook export with a live calculation model, the template, import (read, check, diff,
apply) and the audit workbook.

Pages and ui use the names below (``from core import excel``); the modules are the
package's own business and its tests'.
"""

from core.excel.apply import (
    apply_plan,
    import_log,
    removals as import_removals,
)
from core.excel.audit_sheet import (
    audit_workbook,
    headed as audit_headed,
    readable as audit_table,
)
from core.excel.base import CONFLICT_KINDS, Conflict as ImportConflict
from core.excel.export import (
    ExportRequest,
    all_areas_workbook,
    area_workbook,
    template_workbook,
)
from core.excel.importer import (
    ImportPlan,
    change_table,
    issue_table,
    plan_import,
)
from core.excel.preview import header as column_header, table as preview_table

__all__ = [
    "column_header",
    "CONFLICT_KINDS",
    "ExportRequest",
    "ImportConflict",
    "ImportPlan",
    "all_areas_workbook",
    "apply_plan",
    "area_workbook",
    "audit_headed",
    "audit_table",
    "audit_workbook",
    "change_table",
    "import_log",
    "import_removals",
    "issue_table",
    "plan_import",
    "preview_table",
    "template_workbook",
]
