"""Editing: validation, audited edits of rows with optimistic concurrency, the audit trail, saved
scenarios and who may write (auth).

Pages and ui use the names below (``from core import editing``); the modules are the
package's own business and its tests'.
"""

from core.editing.audit import (
    ACTIONS as AUDIT_ACTIONS,
    ENTITIES as AUDIT_ENTITIES,
    actors as audit_actors,
    decode as decode_audit_value,
    display_value as audit_display_value,
    entries as audit_entries,
)
from core.editing.auth import (
    EDITOR,
    LINK_EXPIRED,
    LINK_INVALID,
    LINK_REVOKED,
    LINK_VALID,
    PARTICIPANT,
    Actor,
    PermissionDeniedError,
    RateLimiter,
    editor_accounts,
    login,
    oidc_is_editor,
    participant_token,
    participant_token_valid,
    sign,
    signature_valid,
)
from core.editing.edits import (
    SPECS as EDIT_SPECS,
    CellIssue,
    Conflict,
    EditConflict,
    RowEdit,
    ValidationFailed,
    key_text,
    save_edits,
)
from core.editing.frames import (
    frame as edit_frame,
    loaded_values,
    read_only_columns,
    row_key,
)
from core.editing.links import (
    new_token as new_link_token,
    revoke as revoke_links,
    status as link_status,
)
from core.editing.rows import (
    add_cost_line,
    add_criterion,
    add_option,
    add_source,
    remove as remove_row,
    removed as removed_rows,
    undo as undo_entry,
)
from core.editing.scenarios import (
    Profile,
    compare as compare_scenarios,
    delete as delete_scenario,
    list_profiles,
    preset_weights,
    profile_name,
    rename as rename_scenario,
    save as save_scenario,
)
from core.editing.validation import (
    Field,
    slugify,
)

__all__ = [
    "AUDIT_ACTIONS",
    "AUDIT_ENTITIES",
    "Actor",
    "CellIssue",
    "Conflict",
    "EDITOR",
    "EDIT_SPECS",
    "EditConflict",
    "LINK_EXPIRED",
    "LINK_INVALID",
    "LINK_REVOKED",
    "LINK_VALID",
    "Field",
    "PARTICIPANT",
    "PermissionDeniedError",
    "Profile",
    "RateLimiter",
    "RowEdit",
    "ValidationFailed",
    "add_cost_line",
    "add_criterion",
    "add_option",
    "add_source",
    "audit_actors",
    "audit_display_value",
    "audit_entries",
    "compare_scenarios",
    "preset_weights",
    "decode_audit_value",
    "delete_scenario",
    "edit_frame",
    "editor_accounts",
    "key_text",
    "link_status",
    "list_profiles",
    "loaded_values",
    "new_link_token",
    "login",
    "oidc_is_editor",
    "participant_token",
    "participant_token_valid",
    "profile_name",
    "read_only_columns",
    "remove_row",
    "removed_rows",
    "rename_scenario",
    "revoke_links",
    "row_key",
    "save_edits",
    "save_scenario",
    "sign",
    "signature_valid",
    "slugify",
    "undo_entry",
]
