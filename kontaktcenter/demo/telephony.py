"""The demo's phone queues and agents, two earlier working days of calls, and the live
simulator that keeps the wallboard moving while the demo is served."""

from __future__ import annotations

from datetime import date, timedelta

from kontaktcenter.accounts.models import User
from kontaktcenter.demo.data.directory import GENERAL_SITE, TEKNISKA_NAMNDHUSET
from kontaktcenter.demo.directory import Directory
from kontaktcenter.telephony.adapters.queue_log import parse_line
from kontaktcenter.telephony.ingest import ingest
from kontaktcenter.telephony.models import Agent, Queue
from kontaktcenter.telephony.simulator import STOCKHOLM_QUEUES, simulate_day

AMI_PORT = 5039
AMI_USERNAME = "kontaktcenter-demo"
AMI_SECRET = "demo-ami-hemlighet"  # noqa: S105 - the demo's simulated PBX on 127.0.0.1

# PBX queue → (label, site, skill); the simulator's queues have the same names.
QUEUES = {
    "vaxel": ("Stockholms stads växel", GENERAL_SITE, "vaxel"),
    "tn-trafik": ("Trafik och gator", TEKNISKA_NAMNDHUSET, "trafik"),
    "tn-bygglov": ("Bygglov", TEKNISKA_NAMNDHUSET, "bygglov"),
    "kc-skola": ("Förskola och skola", GENERAL_SITE, "skola"),
    "kc-idrott": ("Idrott och bokning", GENERAL_SITE, "idrott"),
}
# Featured demo logins that answer the phone, by PBX interface.
LINKED_USERS = {
    "PJSIP/2001": "vaxel",
    "PJSIP/3001": "agent1",
    "PJSIP/3002": "arbetsledare",
    "PJSIP/4001": "agent4",
    "PJSIP/4002": "agent5",
}


def create_phone_queues(directory: Directory) -> None:
    users = {
        user.username: user for user in User.objects.filter(username__in=LINKED_USERS.values())
    }
    for simulated in STOCKHOLM_QUEUES:
        label, site_key, skill = QUEUES[simulated.name]
        site = directory.sites[site_key]
        Queue.objects.create(
            name=simulated.name,
            label=label,
            site=site,
            skill=skill,
            wrap_up_seconds=simulated.wrap_up_seconds,
        )
        for interface in simulated.agents:
            user = users.get(LINKED_USERS.get(interface, ""))
            Agent.objects.create(
                interface=interface,
                name=str(user) if user else f"Anknytning {interface.split('/')[-1]}",
                user=user,
                site=site,
                # The switchboard's operators also help with traffic questions when it overflows.
                skills=[skill, "trafik"] if skill == "vaxel" else [skill],
            )


def load_earlier_days(today: date, *, days: int = 2) -> int:
    """The calls of the last working days before today, through the real queue_log reader's
    parser and ingest, so `kontaktcenter stats calls` has something to count."""
    loaded = 0
    day = today
    while loaded < days:
        day -= timedelta(days=1)
        if day.weekday() >= 5:
            continue
        simulated = simulate_day(day=day, seed=day.toordinal())
        events = [e for _at, line in simulated.queue_log if (e := parse_line(line)) is not None]
        ingest(events)
        loaded += 1
    return loaded
