"""A working day of calls as a PBX reports them: Asterisk queue_log lines and AMI events.

`simulate_day` plays a day through each queue (callers arrive over the opening hours with a
late-morning peak, wait for the agent free first, hang up when their patience runs out, leave
on the queue's timeout or ask for a callback; agents take lunch) and returns the calls as they
really went (the ground truth) together with the same day in both formats. The tests, the
benchmark and the demo feed these to the real readers, so the figures computed from the event
streams can be checked against the truth.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from kontaktcenter.telephony.adapters.queue_log import format_line
from kontaktcenter.telephony.choices import CallOutcome, TransferKind

STOCKHOLM = ZoneInfo("Europe/Stockholm")
OPENING = time(8, 0)
OPEN_SECONDS = int(8.5 * 3600)


@dataclass(frozen=True)
class SimulatedQueue:
    name: str
    agents: tuple[str, ...]
    calls: int = 120
    timeout_seconds: int = 420
    wrap_up_seconds: int = 30
    # Share of answered calls passed on to someone in the organisation (the switchboard's job).
    transfer_share: float = 0.1


# The demo's queues (kontaktcenter/demo/telephony.py makes the same ones in the database).
STOCKHOLM_QUEUES = (
    SimulatedQueue(
        "vaxel", ("PJSIP/2001", "PJSIP/2002", "PJSIP/2003"), calls=420, transfer_share=0.7
    ),
    SimulatedQueue("tn-trafik", ("PJSIP/3001", "PJSIP/3002", "PJSIP/3003"), calls=260),
    SimulatedQueue("tn-bygglov", ("PJSIP/3004", "PJSIP/3005"), calls=150),
    SimulatedQueue("kc-skola", ("PJSIP/4001", "PJSIP/4002", "PJSIP/4003"), calls=260),
    SimulatedQueue("kc-idrott", ("PJSIP/4004", "PJSIP/4005"), calls=130),
)


@dataclass(frozen=True)
class SimulatedCall:
    call_id: str
    queue: str
    caller_number: str
    entered_at: datetime
    outcome: CallOutcome
    wait_seconds: int
    agent: str = ""
    talk_seconds: int = 0
    transfer_kind: str = ""
    transfer_target: str = ""
    transfer_answered: bool | None = None

    @property
    def ended_at(self) -> datetime:
        return self.entered_at + timedelta(seconds=self.wait_seconds + self.talk_seconds)


@dataclass
class SimulatedDay:
    calls: list[SimulatedCall] = field(default_factory=list)
    # (moment, line) and (moment, headers), each in time order.
    queue_log: list[tuple[datetime, str]] = field(default_factory=list)
    ami: list[tuple[datetime, dict[str, str]]] = field(default_factory=list)


def _arrivals(rng: random.Random, count: int, opening: datetime) -> list[datetime]:
    """`count` arrival times over the opening hours, busiest late in the morning."""
    moments = []
    for _ in range(count):
        # A triangular profile peaking two hours after opening, as city switchboards see.
        offset = rng.triangular(0, OPEN_SECONDS, 2 * 3600)
        moments.append(opening + timedelta(seconds=int(offset)))
    return sorted(moments)


def _caller(rng: random.Random) -> str:
    if rng.random() < 0.6:
        return f"07{rng.choice('0236')}{rng.randrange(1_000_000, 9_999_999)}"
    return f"08{rng.randrange(100_000, 999_999)}{rng.randrange(10, 99)}"


def simulate_day(
    *,
    day: date,
    queues: tuple[SimulatedQueue, ...] = STOCKHOLM_QUEUES,
    seed: int = 2026,
    opening: datetime | None = None,
) -> SimulatedDay:
    rng = random.Random(seed)  # noqa: S311 - test traffic, not secrets
    start = opening or datetime.combine(day, OPENING, tzinfo=STOCKHOLM)
    result = SimulatedDay()
    sequence = 0
    for queue in queues:
        _agents_day(rng, queue, start, result)
        free_at = dict.fromkeys(queue.agents, start)
        lunches = {
            agent: start + timedelta(seconds=rng.randrange(3 * 3600, 5 * 3600))
            for agent in queue.agents
        }
        for arrival in _arrivals(rng, queue.calls, start):
            sequence += 1
            call_id = f"{int(arrival.timestamp())}.{sequence}"

            def available(
                agent: str,
                arrival: datetime = arrival,
                free_at: dict[str, datetime] = free_at,
                lunches: dict[str, datetime] = lunches,
            ) -> datetime:
                ready = max(free_at[agent], arrival)
                lunch = lunches[agent]
                if lunch <= ready < lunch + timedelta(minutes=30):
                    return lunch + timedelta(minutes=30)
                return ready

            agent = min(queue.agents, key=lambda name: (available(name), name))
            wait = int((available(agent) - arrival).total_seconds())
            chance = rng.random()
            # Some hang up at once, a few wait for as long as the queue lets them.
            if chance < 0.05:
                patience = 3
            elif chance > 0.9:
                patience = queue.timeout_seconds + 1
            else:
                patience = int(rng.expovariate(1 / 150)) + 1
            caller = _caller(rng)
            if wait > patience and patience < queue.timeout_seconds:
                outcome = (
                    CallOutcome.CALLBACK_REQUESTED
                    if patience > 60 and rng.random() < 0.2
                    else CallOutcome.ABANDONED
                )
                call = SimulatedCall(call_id, queue.name, caller, arrival, outcome, patience)
            elif wait > queue.timeout_seconds:
                call = SimulatedCall(
                    call_id, queue.name, caller, arrival, CallOutcome.TIMEOUT, queue.timeout_seconds
                )
            else:
                talk = max(20, int(rng.lognormvariate(4.8, 0.5)))
                if queue.transfer_share and rng.random() < queue.transfer_share:
                    talk = max(10, talk // 4)
                    attended = rng.random() < 0.4
                    call = SimulatedCall(
                        call_id,
                        queue.name,
                        caller,
                        arrival,
                        CallOutcome.ANSWERED,
                        wait,
                        agent=agent,
                        talk_seconds=talk,
                        transfer_kind=TransferKind.ATTENDED if attended else TransferKind.BLIND,
                        transfer_target=f"08508{rng.randrange(10000, 99999)}",
                        transfer_answered=True if attended else None,
                    )
                else:
                    call = SimulatedCall(
                        call_id,
                        queue.name,
                        caller,
                        arrival,
                        CallOutcome.ANSWERED,
                        wait,
                        agent=agent,
                        talk_seconds=talk,
                    )
                free_at[agent] = call.ended_at + timedelta(seconds=queue.wrap_up_seconds)
            result.calls.append(call)
            _call_events(call, result)
    result.queue_log.sort(key=lambda item: item[0])
    result.ami.sort(key=lambda item: item[0])
    return result


def _ami(at: datetime, event: str, **headers: object) -> tuple[datetime, dict[str, str]]:
    message = {"Event": event, "Privilege": "agent,all", "Timestamp": f"{at.timestamp():.6f}"}
    message.update({key: str(value) for key, value in headers.items()})
    return at, message


def _agents_day(
    rng: random.Random, queue: SimulatedQueue, start: datetime, day: SimulatedDay
) -> None:
    end = start + timedelta(seconds=OPEN_SECONDS + 1800)
    for agent in queue.agents:
        login = start - timedelta(minutes=rng.randrange(2, 15))
        member = {"Queue": queue.name, "Interface": agent, "MemberName": agent}
        day.queue_log.append((login, format_line(login, "NONE", queue.name, agent, "ADDMEMBER")))
        day.ami.append(_ami(login, "QueueMemberAdded", **member))
        coffee = start + timedelta(seconds=rng.randrange(3600, 2 * 3600))
        back = coffee + timedelta(minutes=10)
        day.queue_log.append(
            (coffee, format_line(coffee, "NONE", queue.name, agent, "PAUSE", "Fika"))
        )
        day.ami.append(_ami(coffee, "QueueMemberPause", Paused="1", PausedReason="Fika", **member))
        day.queue_log.append((back, format_line(back, "NONE", queue.name, agent, "UNPAUSE", "")))
        day.ami.append(_ami(back, "QueueMemberPause", Paused="0", PausedReason="", **member))
        day.queue_log.append((end, format_line(end, "NONE", queue.name, agent, "REMOVEMEMBER")))
        day.ami.append(_ami(end, "QueueMemberRemoved", **member))


def _call_events(call: SimulatedCall, day: SimulatedDay) -> None:
    q, cid, at = call.queue, call.call_id, call.entered_at
    log, ami = day.queue_log, day.ami
    caller = {"Uniqueid": cid, "Queue": q, "CallerIDNum": call.caller_number}
    log.append((at, format_line(at, cid, q, "NONE", "ENTERQUEUE", "", call.caller_number, 1)))
    ami.append(_ami(at, "QueueCallerJoin", Position=1, Count=1, **caller))
    left = at + timedelta(seconds=call.wait_seconds)
    if call.outcome == CallOutcome.ABANDONED:
        log.append((left, format_line(left, cid, q, "NONE", "ABANDON", 1, 1, call.wait_seconds)))
        ami.append(_ami(left, "QueueCallerAbandon", HoldTime=call.wait_seconds, **caller))
        ami.append(_ami(left, "QueueCallerLeave", Count=0, Position=1, **caller))
        return
    if call.outcome == CallOutcome.TIMEOUT:
        log.append(
            (left, format_line(left, cid, q, "NONE", "EXITWITHTIMEOUT", 1, 1, call.wait_seconds))
        )
        ami.append(_ami(left, "QueueCallerLeave", Count=0, Position=1, **caller))
        return
    if call.outcome == CallOutcome.CALLBACK_REQUESTED:
        # Written by the dialplan with QueueLog(); AMI sees only the caller leaving.
        log.append(
            (
                left,
                format_line(
                    left, cid, q, "NONE", "CALLBACKREQUEST", call.caller_number, call.wait_seconds
                ),
            )
        )
        ami.append(_ami(left, "QueueCallerLeave", Count=0, Position=1, **caller))
        return
    member = {"Interface": call.agent, "MemberName": call.agent}
    log.append(
        (left, format_line(left, cid, q, call.agent, "CONNECT", call.wait_seconds, f"{cid}1", 4))
    )
    ami.append(_ami(left, "QueueCallerLeave", Count=0, Position=1, **caller))
    ami.append(
        _ami(left, "AgentConnect", HoldTime=call.wait_seconds, RingTime=4, **caller, **member)
    )
    end = call.ended_at
    wait, talk = call.wait_seconds, call.talk_seconds
    if call.transfer_kind == TransferKind.BLIND:
        log.append(
            (
                end,
                format_line(
                    end,
                    cid,
                    q,
                    call.agent,
                    "BLINDTRANSFER",
                    call.transfer_target,
                    "internal",
                    wait,
                    talk,
                    1,
                ),
            )
        )
        ami.append(
            _ami(
                end,
                "BlindTransfer",
                Result="Success",
                TransfererChannel=f"{call.agent}-0000{cid[-2:]}",
                TransfereeUniqueid=cid,
                Extension=call.transfer_target,
                Context="internal",
            )
        )
    elif call.transfer_kind == TransferKind.ATTENDED:
        log.append(
            (
                end,
                format_line(
                    end,
                    cid,
                    q,
                    call.agent,
                    "ATTENDEDTRANSFER",
                    "BRIDGE",
                    call.transfer_target,
                    wait,
                    talk,
                    1,
                ),
            )
        )
        ami.append(
            _ami(
                end,
                "AttendedTransfer",
                Result="Success",
                OrigTransfererChannel=f"{call.agent}-0000{cid[-2:]}",
                OrigTransfereeUniqueid=cid,
                SecondTransfererConnectedLineNum=call.transfer_target,
            )
        )
    else:
        log.append((end, format_line(end, cid, q, call.agent, "COMPLETECALLER", wait, talk, 1)))
    reason = "transfer" if call.transfer_kind else "caller"
    ami.append(
        _ami(end, "AgentComplete", HoldTime=wait, TalkTime=talk, Reason=reason, **caller, **member)
    )
