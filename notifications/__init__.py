"""A transactional e-mail outbox: mails are rendered and stored with the write that
causes them, then sent by background tasks after commit and retried until delivered.

The lowest layer of the project: it imports nothing from the other Banua apps.
"""
