"""Contacts: import from Excel/CSV, groups, search and edit, the blacklist, .xlsx exports.

Qt-free; used by the GUI, the CLI and the send engine::

    table = read_table(path, sheet=None)          # headers, sample, sheet names; rows() streams
    mapping = detect_columns(table)               # phone / name columns, other columns as fields
    report = import_file(db, path, "客户", mapping=mapping, on_duplicate="update")
    export_report_xlsx(report, "report.xlsx")
"""

from __future__ import annotations

from .columns import ColumnMapping, cell_text, column_letter, resolve_column
from .export import (
    export_blacklist_xlsx,
    export_contacts_xlsx,
    export_report_xlsx,
    neutralise,
    write_template,
)
from .importer import (
    ImportCancelledError,
    ImportReport,
    RejectedRow,
    blacklist_import,
    detect_columns,
    import_file,
    import_table,
)
from .placeholders import placeholders, render, unknown_placeholders
from .queries import (
    CONTACT_ORDERS,
    ContactSelection,
    blacklist_by_ids,
    blacklist_ids,
    contact_ids,
    contact_page,
    contacts_by_ids,
    copy_contacts,
    move_contacts,
    recipients_from_selection,
    selection_recipients,
)
from .reader import SUPPORTED_EXTENSIONS, Table, detect_delimiter, detect_encoding, read_table
from .repository import (
    BlacklistEntry,
    BlacklistResult,
    ConflictError,
    Contact,
    Group,
    add_contact,
    blacklist_add,
    blacklist_contains,
    blacklist_count,
    blacklist_list,
    blacklist_remove,
    blacklisted_set,
    count_contacts,
    create_group,
    delete_contacts,
    delete_group,
    field_names,
    get_contact,
    get_group,
    group_id,
    groups,
    iter_contacts,
    list_contacts,
    rename_group,
    update_contact,
)

__all__ = [
    "CONTACT_ORDERS",
    "SUPPORTED_EXTENSIONS",
    "BlacklistEntry",
    "BlacklistResult",
    "ColumnMapping",
    "ConflictError",
    "Contact",
    "ContactSelection",
    "Group",
    "ImportCancelledError",
    "ImportReport",
    "RejectedRow",
    "Table",
    "add_contact",
    "blacklist_add",
    "blacklist_by_ids",
    "blacklist_contains",
    "blacklist_count",
    "blacklist_ids",
    "blacklist_import",
    "blacklist_list",
    "blacklist_remove",
    "blacklisted_set",
    "cell_text",
    "column_letter",
    "contact_ids",
    "contact_page",
    "contacts_by_ids",
    "copy_contacts",
    "count_contacts",
    "create_group",
    "delete_contacts",
    "delete_group",
    "detect_columns",
    "detect_delimiter",
    "detect_encoding",
    "export_blacklist_xlsx",
    "export_contacts_xlsx",
    "export_report_xlsx",
    "field_names",
    "get_contact",
    "get_group",
    "group_id",
    "groups",
    "import_file",
    "import_table",
    "iter_contacts",
    "list_contacts",
    "move_contacts",
    "neutralise",
    "placeholders",
    "read_table",
    "recipients_from_selection",
    "rename_group",
    "render",
    "resolve_column",
    "selection_recipients",
    "unknown_placeholders",
    "update_contact",
    "write_template",
]
