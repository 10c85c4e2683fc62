"""The PBX formats taken in, each turned into `events.CallEvent` values by pure functions:
Asterisk's queue_log lines, Asterisk AMI events and the generic CTI webhook's JSON."""
