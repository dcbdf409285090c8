"""Add or change one early warning sign, with an optional rule that watches the check-ins.

The rule is shown in plain words as it is typed (insights.rules.describe), so the person sees
exactly when the sign will show on Home, e.g. "sleep at or under 5 hours on 3 of the last 5 days".
A rule watches a check-in item, the medicine answer, or alcohol and drug use (the last two are
the first two entries of the item list). Escape after a change asks first: keep (save), throw
away, or go back.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Input, Label, Select, Static

from imr_tui.domain.checkin import CheckInItem, Medication, Worse
from imr_tui.domain.format import number
from imr_tui.domain.profile import Comparison, RuleKind, WarningRule, WarningSign
from imr_tui.insights.rules import describe
from imr_tui.tui.screens.leave_dialog import FormDialog
from imr_tui.tui.widgets.footer import Footer
from imr_tui.tui.widgets.toggles import Checkbox

# (what the person reads, kind, comparison): one list keeps the form one row shorter
HOW: list[tuple[str, RuleKind, Comparison]] = [
    ("at or above a number", RuleKind.THRESHOLD, Comparison.AT_LEAST),
    ("at or under a number", RuleKind.THRESHOLD, Comparison.AT_MOST),
    ("above my usual by", RuleKind.BASELINE, Comparison.AT_LEAST),
    ("under my usual by", RuleKind.BASELINE, Comparison.AT_MOST),
]


MEDICATION, SUBSTANCE = "@medication", "@substance"  # the item list's first two entries: not check-in items
WATCH_OTHER = [(MEDICATION, "Medicine (taken or not)"), (SUBSTANCE, "Alcohol or drug use")]
OTHER_HOW: dict[str, list[tuple[str, str]]] = {
    MEDICATION: [("not taken, or only partly taken", "medication:partly"), ("not taken", "medication:no")],
    SUBSTANCE: [("used at all", "substance:any"), ("used this amount or more in a day", "substance:amount")],
}


def _how_value(kind: RuleKind, comparison: Comparison) -> str:
    return f"{kind.value}{comparison.value}"


def _how_options(watch: object) -> list[tuple[str, str]]:
    if isinstance(watch, str) and watch in OTHER_HOW:
        return OTHER_HOW[watch]
    return [(text, _how_value(k, c)) for text, k, c in HOW]


def _rule_how(rule: WarningRule) -> str:
    if rule.kind is RuleKind.MEDICATION:
        return f"medication:{rule.medication.value}"
    if rule.kind is RuleKind.SUBSTANCE:
        return "substance:amount" if rule.threshold > 0 else "substance:any"
    return _how_value(rule.kind, rule.comparison)


def _rule_watch(rule: WarningRule) -> str | None:
    return {RuleKind.MEDICATION: MEDICATION, RuleKind.SUBSTANCE: SUBSTANCE}.get(rule.kind, rule.item)


OTHER_SCALE = {
    MEDICATION: "Medicine: a day counts from your answer to 'Did you take your medicine?' "
                "(the worst answer of the day). Days with no answer do not count.",
    SUBSTANCE: "Alcohol and drugs: what you listed in your check-ins, or a yes to 'Used alcohol or drugs'. "
               "An amount counts when it starts with a number, like 2 cans.",
}


class WarningSignDialog(FormDialog[WarningSign | None]):
    CSS_PATH = "warning_sign_dialog.tcss"
    HELP_TOPIC = "plan"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="sign.save", tooltip="Save this warning sign"),
        Binding("escape", "cancel", "Close", id="sign.cancel",
                tooltip="Close; if you changed something, you are asked whether to keep it"),
    ]

    def __init__(self, sign: WarningSign | None, items: list[CheckInItem]) -> None:
        """`items`: the check-in items a rule may watch (the caller adds the rule's own item if it is turned off)."""
        super().__init__()
        self.sign = sign
        self.items = list(items)
        self._start: tuple[object, ...] = ()

    # ------------------------------------------------------------------ layout
    def compose(self) -> ComposeResult:
        rule = self.sign.rule if self.sign else None
        item_id = _rule_watch(rule) if rule else (self.items[0].id if self.items else MEDICATION)
        how = _rule_how(rule) if rule else self._default_how(item_id)
        with VerticalScroll(id="sign-box") as box:
            box.border_title = "Warning sign"
            yield Static("A small change that came before a relapse, in your own words.", classes="intro")
            with Horizontal(classes="form-row"):
                yield Label("The sign", classes="form-label")
                yield Input(self.sign.text if self.sign else "", placeholder="For example: sleeping less",
                            max_length=500, id="sign-text")
            with Horizontal(classes="form-row"):
                yield Label("", classes="form-label")
                yield Checkbox("Watch my check-ins for this sign", value=rule is not None, id="sign-watch")
            with Vertical(id="rule-form"):
                with Horizontal(classes="form-row"):
                    yield Label("Check-in item", classes="form-label")
                    # labels may be the person's own items: Content, never markup
                    yield Select([*((Content(label), value) for value, label in WATCH_OTHER),
                                  *((Content(i.label), i.id) for i in self.items)],
                                 allow_blank=False, value=item_id, id="rule-item")
                with Horizontal(classes="form-row", id="rule-what-row"):
                    yield Label("Which one", classes="form-label")
                    yield Input(rule.substance if rule else "", placeholder="Empty for any; for example: beer",
                                max_length=80, id="rule-what")
                with Horizontal(classes="form-row"):
                    yield Label("Shows when it is", classes="form-label")
                    yield Select(_how_options(item_id), allow_blank=False, value=how, id="rule-how")
                with Horizontal(classes="form-row"):
                    yield Label("The number", classes="form-label", id="rule-number-label")
                    # a hint worded as a hint, so an empty field never looks filled in
                    yield Input(number(rule.threshold) if rule else "", placeholder="for example 5", max_length=6,
                                id="rule-number", classes="number")
                    yield Label("on", classes="form-word")
                    yield Input(str(rule.days) if rule else "3", max_length=2, type="integer", id="rule-days",
                                classes="number")
                    yield Label("of the last", classes="form-word")
                    yield Input(str(rule.window) if rule else "5", max_length=2, type="integer", id="rule-window",
                                classes="number")
                    yield Label("days", classes="form-word")
                yield Static("", id="rule-scale")
                yield Static("", id="rule-words")
            yield Static("", id="sign-error")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#sign-text", Input).focus()
        self._refresh_rule()
        self._start = self._snapshot()

    def _snapshot(self) -> tuple[object, ...]:
        """Everything on the form, to tell whether the person changed something."""
        return (self.watching, *(i.value for i in self.query(Input)), *(s.value for s in self.query(Select)))

    def has_unsaved_changes(self) -> bool:
        return bool(self._start) and self._snapshot() != self._start

    def _default_how(self, item_id: object) -> str:
        if isinstance(item_id, str) and item_id in OTHER_HOW:
            return OTHER_HOW[item_id][0][1]
        item = self._item(item_id)
        comparison = Comparison.AT_MOST if item and item.worse is Worse.LOW else Comparison.AT_LEAST
        return _how_value(RuleKind.THRESHOLD, comparison)

    def _item(self, item_id: object) -> CheckInItem | None:
        return next((i for i in self.items if i.id == item_id), None)

    # ------------------------------------------------------------------ rule
    @property
    def watching(self) -> bool:
        return self.query_one("#sign-watch", Checkbox).value

    def _needs_number(self) -> bool:
        return str(self.query_one("#rule-how", Select).value) not in (
            "substance:any", "medication:partly", "medication:no")

    def _read_number(self, missing: str = "Type the number (like 5).") -> float:
        if not self._needs_number():
            return 0
        number_text = self.query_one("#rule-number", Input).value.strip()
        try:
            return float(number_text.replace(",", "."))
        except ValueError:
            raise ValueError(missing) from None

    def _read_other(self, watch: str) -> dict[str, Any]:
        """The fields of a medicine or alcohol-and-drug rule."""
        how = str(self.query_one("#rule-how", Select).value)
        if watch == MEDICATION:
            return {"kind": RuleKind.MEDICATION, "item": None, "medication": Medication(how.partition(":")[2]),
                    "threshold": 0}
        threshold = self._read_number("Type the amount to watch for (like 4).")
        if how == "substance:amount" and threshold <= 0:
            raise ValueError("Type the amount to watch for, above 0 (like 4).")
        what = " ".join(self.query_one("#rule-what", Input).value.split())
        return {"kind": RuleKind.SUBSTANCE, "item": None, "substance": what, "threshold": threshold,
                "comparison": Comparison.AT_LEAST}

    def read_rule(self) -> WarningRule:
        """The rule on the form, or ValueError with a plain message."""
        watch = self.query_one("#rule-item", Select).value
        if isinstance(watch, str) and watch in OTHER_HOW:
            return self._validated(self._read_other(watch))
        item = self._item(watch)
        if item is None:
            raise ValueError("Pick the check-in item to watch.")
        how = str(self.query_one("#rule-how", Select).value)
        kind, comparison = next(((k, c) for _t, k, c in HOW if _how_value(k, c) == how), HOW[0][1:])
        threshold = self._read_number()
        if kind is RuleKind.THRESHOLD and not item.low <= threshold <= item.high:
            raise ValueError(f"{item.label} goes from {number(item.low)} to {number(item.high)}: "
                             f"type a number in that range.")
        if kind is RuleKind.BASELINE and threshold < 0:
            raise ValueError("Type how far from your usual, as 0 or more.")
        return self._validated({"item": item.id, "kind": kind, "comparison": comparison, "threshold": threshold})

    def _validated(self, fields: dict[str, Any]) -> WarningRule:
        """The days and the rest of the form, checked, joined with `fields`."""
        days_text = self.query_one("#rule-days", Input).value.strip()
        window_text = self.query_one("#rule-window", Input).value.strip()
        if not (days_text.isdigit() and window_text.isdigit()) or not (
                1 <= int(days_text) <= 90 and 1 <= int(window_text) <= 90):
            raise ValueError("Type the days as whole numbers from 1 to 90.")
        days, window = int(days_text), int(window_text)
        if days > window:
            raise ValueError(f"It cannot be {days} days out of only the last {window}: "
                             "the first number must be the smaller one.")
        old: dict[str, Any] = self.sign.rule.model_dump() if self.sign and self.sign.rule else {}
        try:
            return WarningRule.model_validate({**old, **fields, "days": days, "window": window})
        except ValidationError as exc:
            raise ValueError(f"This rule does not work: {exc.errors(include_url=False)[0]['msg']}.") from None

    def _refresh_rule(self) -> None:
        form = self.query_one("#rule-form", Vertical)
        form.display = self.watching
        watch = self.query_one("#rule-item", Select).value
        item = self._item(watch)
        self.query_one("#rule-what-row").display = watch == SUBSTANCE
        needs_number = self._needs_number()
        self.query_one("#rule-number").visible = needs_number
        self.query_one("#rule-number-label").visible = needs_number
        scale = self.query_one("#rule-scale", Static)
        scale.update(Content(f"{item.label}: {item.describe_scale()}") if item else Content(OTHER_SCALE.get(str(watch), "")))
        words = self.query_one("#rule-words", Static)
        try:
            rule = self.read_rule()
        except ValueError as exc:
            words.update(Content(str(exc)))
            words.add_class("error")
            return
        words.remove_class("error")
        text = Content.from_markup("In plain words: the sign shows on Home when [b]$rule[/b].",
                                   rule=describe(rule, item))
        if rule.kind is RuleKind.BASELINE:
            text = text + Content(f" Your usual is the middle value of the {rule.baseline_days} days before; "
                                  "it needs at least 7 of them with a check-in.")
        words.update(text)

    def on_input_changed(self, event: Input.Changed) -> None:
        self.query_one("#sign-error", Static).update("")
        if event.input.id != "sign-text":
            self._refresh_rule()

    def on_select_changed(self, event: Select.Changed) -> None:
        how = self.query_one("#rule-how", Select)
        if event.select.id == "rule-item":
            options = _how_options(event.value)
            if str(how.value) not in [v for _t, v in options]:  # another kind of watch: its own choices
                how.set_options(options)
                how.value = self._default_how(event.value)
            elif not self.query_one("#rule-number", Input).value.strip():
                how.value = self._default_how(event.value)
        self._refresh_rule()

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        self._refresh_rule()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "rule-window" or (event.input.id == "sign-text" and not self.watching):
            self.action_save()
        else:
            self.focus_next()

    # ---------------------------------------------------------------- closing
    def action_save(self) -> None:
        error = self.query_one("#sign-error", Static)
        text = self.query_one("#sign-text", Input).value.strip()
        if not text:
            error.update("Please type the sign in your own words.")
            self.query_one("#sign-text", Input).focus()
            return
        rule: WarningRule | None = None
        if self.watching:
            try:
                rule = self.read_rule()
            except ValueError as exc:
                error.update(Content(f"The rule is not finished: {exc}"))
                return
        if self.sign is None:
            self.dismiss(WarningSign(text=text, rule=rule))
        else:
            self.dismiss(self.sign.model_copy(update={"text": text, "rule": rule}))
