from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client

from kontaktcenter.directory.models import Site
from kontaktcenter.telephony.models import Agent, Queue
from tests.telephony.factories import AgentFactory, QueueFactory

# A morning at the traffic queue, in the format Asterisk documents (docs.asterisk.org,
# "Operation › Logging › Queue Logs"): epoch|uniqueid|queue|agent|event|data…
# 2026-03-10 09:00:00 Stockholm is 1773129600.
MORNING = """\
1773129000|NONE|tn-trafik|PJSIP/3001|ADDMEMBER|
1773129600|1773129600.1|tn-trafik|NONE|ENTERQUEUE||0701234567|1
1773129612|1773129600.1|tn-trafik|PJSIP/3001|CONNECT|12|1773129612.2|3
1773129790|1773129600.1|tn-trafik|PJSIP/3001|COMPLETECALLER|12|178|1
1773129700|1773129700.3|tn-trafik|NONE|ENTERQUEUE||0812345678|1
1773129703|1773129700.3|tn-trafik|NONE|ABANDON|1|1|3
1773129800|1773129800.4|tn-trafik|NONE|ENTERQUEUE||0709876543|1
1773129890|1773129800.4|tn-trafik|NONE|ABANDON|1|1|90
1773129900|1773129900.5|tn-trafik|NONE|ENTERQUEUE||0705551234|1
1773130200|1773129900.5|tn-trafik|NONE|EXITWITHTIMEOUT|1|1|300
1773130000|1773130000.6|tn-trafik|NONE|ENTERQUEUE||0704443322|1
1773130075|1773130000.6|tn-trafik|PJSIP/3001|CONNECT|75|1773130075.7|5
1773130135|1773130000.6|tn-trafik|PJSIP/3001|BLINDTRANSFER|850829000|internal|75|60|1
1773130300|NONE|tn-trafik|PJSIP/3001|PAUSE|Lunch
"""


@pytest.fixture
def client() -> Client:
    """A browser that asks for English, so pages are matched in English like messages are."""
    return Client(HTTP_ACCEPT_LANGUAGE="en")


@pytest.fixture
def traffic_queue(site: Site) -> Queue:
    return QueueFactory.create(name="tn-trafik", label="Trafik", site=site, skill="trafik")


@pytest.fixture
def traffic_agent(site: Site) -> Agent:
    return AgentFactory.create(interface="PJSIP/3001", name="Maja Lind", site=site)


@pytest.fixture
def morning_log(tmp_path: Path) -> Path:
    path = tmp_path / "queue_log"
    path.write_text(MORNING)
    return path
