"""A sharing answer as plain lines of text, for a terminal (`pactstore sharing`): every channel with its
route, status and what hangs over it, its conditions, binding claims and notes, then what does not apply."""

from __future__ import annotations

from api.domain.sharing_answer import BindingClaim, SharingAnswer, StatusOut


def describe(answer: SharingAnswer) -> list[str]:
    """The answer, one fact a line, indented by what it belongs to."""
    about = f" about {answer.subject}" if answer.subject else ""
    verdict = f"{len(answer.channels)} channel(s)" if answer.channel_exists else "no channel"
    lines = [f"{answer.sender.id} -> {answer.recipient.id} on {answer.on}{about}: {verdict}"]
    for channel in answer.channels:
        since = f" since {channel.status.since}" if channel.status.since else ""
        lines.append(
            f"  {channel.agreement.short_name} ({channel.agreement.id}), {channel.route.replace('_', ' ')}, "
            f"{channel.status.status}{since}"
        )
        lines += [f"    {line}" for line in qualifiers(channel.status)]
        for hop in channel.hops:
            approval = f", with {hop.approval_from.id}'s approval" if hop.approval_from else ""
            lines.append(f"    {hop.sender.id} -> {hop.recipient.id} under {hop.under.short_name}{approval}")
        lines += [f"    condition: {c.summary} [{c.basis}]" for c in channel.conditions]
        lines += [f"    binding: {binding(claim)}" for claim in channel.binding]
        lines += [f"    note: {note}" for note in channel.notes]
    if answer.considered:
        lines.append("  not applicable:")
        lines += [f"    {i.agreement.short_name} ({i.agreement.id}): {i.explanation}" for i in answer.considered]
    for rule in answer.onward:
        lines.append(
            f"  onward to {answer.onward_to.id if answer.onward_to else ''} under {rule.agreement.short_name}: "
            f"{rule.verdict.replace('_', ' ')} - {rule.explanation}"
        )
    return lines


def qualifiers(status: StatusOut) -> list[str]:
    """What hangs over a status on its day: a termination notice pending or suspended, doubt, old evidence."""
    found = []
    if status.termination_pending:
        pending = status.termination_pending
        effect = f", takes effect {pending.takes_effect_on}" if pending.takes_effect_on else ""
        found.append(f"termination notice pending ({pending.notice.event_id}{effect})")
    if status.notice_suspended:
        held = status.notice_suspended
        condition = f", on the condition {held.condition}" if held.condition else ""
        found.append(f"termination notice {held.notice.event_id} suspended by {held.suspension.event_id}{condition}")
    if not status.certain:
        found.append("may have changed: " + ", ".join(c.span for c in status.may_have_changed))
    if status.freshness:
        found.append(status.freshness)
    return found


def binding(claim: BindingClaim) -> str:
    """A binding claim as `field=value` pairs, with who asserts it."""
    who = f" per {claim.asserted_by.name}" if claim.asserted_by else ""
    pairs = (
        ("legally_binding", claim.legally_binding),
        ("nature", claim.binding_nature),
        ("ratification_required", claim.ratification_required),
    )
    return ", ".join(f"{k}={v}" for k, v in pairs if v is not None) + who
