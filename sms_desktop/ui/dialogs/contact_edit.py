"""Edit (or add) one contact: number, name, group and its fields. Saved by the caller's op."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.contacts import Contact


@dataclass
class ContactInput:
    """What the dialog gathered (plain data, for an op)."""

    contact_id: int | None
    phone: str
    name: str
    group: int | str  # an id, or a new group's name
    fields: dict[str, str] = field(default_factory=dict)
    version: int | None = None  # the version the edit was made from (None: a new contact)


class ContactEditDialog(QDialog):
    """``groups``: (id, name) pairs. ``contact`` None: a new contact (in ``group``)."""

    def __init__(
        self,
        contact: Contact | None,
        groups: list[tuple[int, str]],
        group: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("contactEditDialog")
        self.contact = contact
        self.setWindowTitle(self.tr("编辑联系人") if contact else self.tr("添加联系人"))
        self.phone = QLineEdit(contact.phone if contact else "")
        self.phone.setObjectName("contactPhoneEdit")
        self.phone.setAccessibleName(self.tr("手机号码"))
        self.name = QLineEdit(contact.name if contact else "")
        self.name.setObjectName("contactNameEdit")
        self.name.setAccessibleName(self.tr("姓名"))
        self.group = QComboBox()
        self.group.setObjectName("contactGroupCombo")
        self.group.setAccessibleName(self.tr("分组"))
        self.group.setEditable(contact is None)  # a new contact may start a new group
        for gid, gname in groups:
            self.group.addItem(gname, gid)
        current = contact.group_id if contact else group
        if current is not None:
            self.group.setCurrentIndex(max(0, self.group.findData(current)))
        self.fields = QTableWidget(0, 2)
        self.fields.setObjectName("contactFieldsTable")
        self.fields.setAccessibleName(self.tr("其他字段"))
        self.fields.setHorizontalHeaderLabels([self.tr("字段名"), self.tr("内容")])
        self.fields.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.fields.verticalHeader().hide()
        for k, v in (contact.fields if contact else {}).items():
            self.add_field(k, v)
        add = QPushButton(self.tr("添加字段"))
        add.setObjectName("addFieldButton")
        add.setAccessibleName(self.tr("添加一个字段"))
        add.clicked.connect(lambda: self.add_field("", ""))
        form = QFormLayout()
        form.addRow(self.tr("手机号码："), self.phone)
        form.addRow(self.tr("姓名："), self.name)
        form.addRow(self.tr("分组："), self.group)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("其他字段（短信中可用 {字段名} 引用）：")))
        layout.addWidget(self.fields, 1)
        layout.addWidget(add)
        layout.addWidget(buttons)
        self.resize(460, 420)

    def add_field(self, key: str, value: str) -> None:
        row = self.fields.rowCount()
        self.fields.insertRow(row)
        self.fields.setItem(row, 0, QTableWidgetItem(key))
        self.fields.setItem(row, 1, QTableWidgetItem(value))

    def value(self) -> ContactInput:
        fields: dict[str, str] = {}
        for row in range(self.fields.rowCount()):
            k = self.fields.item(row, 0)
            v = self.fields.item(row, 1)
            key = k.text().strip() if k is not None else ""
            if key:
                fields[key] = v.text() if v is not None else ""
        data = self.group.currentData()
        text = self.group.currentText().strip()
        group: int | str = (
            int(data)
            if data is not None and self.group.itemText(self.group.currentIndex()) == text
            else text
        )
        return ContactInput(
            contact_id=self.contact.id if self.contact else None,
            phone=self.phone.text().strip(),
            name=self.name.text().strip(),
            group=group,
            fields=fields,
            version=self.contact.version if self.contact else None,
        )
