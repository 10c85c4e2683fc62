"""Written contacts by e-mail: functional mailboxes read over IMAP become cases (S1)."""
