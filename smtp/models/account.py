"""Models of the Account API: the account's details and the reply to a contact update."""

from __future__ import annotations  # no typing work at class creation: see _base._read_hint

from smtp.models._base import Model, field
from smtp.models._tolerant import accept, alias, fix_field

__all__ = ["AccountDataAddress", "AccountData", "Account", "UpdateAccountResponseData", "UpdateAccountResponse"]


class AccountDataAddress(Model):
    """The postal address of the account's owner."""

    street: str | None = field("Street")
    city: str | None = field("City")
    state: str | None = field("State")
    country: str | None = field("Country")


class AccountData(Model):
    """The account: its owner, contact details, usage and creation time."""

    status: str | None = field("Status of the account")
    first_name: str | None = field("The owner's first name")
    last_name: str | None = field("The owner's last name")
    phone: str | None = field("The owner's phone number")
    website: str | None = field("The owner's website")
    email: str | None = field("The owner's email address")
    company_name: str | None = field("The owner's company")
    address: AccountDataAddress | None = field("The owner's postal address")
    usage: int | None = field("Messages sent this month")
    date_created: int | None = field(
        "When the account was created (UNIX epoch). The schema's JSON key is `date created`, with a space; "
        "the service's example spells it `date_created`, and both are read",
        key="date created",
    )


class Account(Model):
    """The reply of ``v4_account_get``."""

    status: str | None = field("Request status")
    data: AccountData | None = field("The account")


_date_created = alias("date created", "date_created")
accept(AccountData, _date_created)
accept(Account, fix_field("data", _date_created))


class UpdateAccountResponseData(Model):
    """The outcome of a contact update."""

    account: str | None = field("What became of the update")


class UpdateAccountResponse(Model):
    """The reply of ``v4_account_contact_patch``."""

    status: str | None = field("Request status")
    data: UpdateAccountResponseData | None = field("The outcome")
