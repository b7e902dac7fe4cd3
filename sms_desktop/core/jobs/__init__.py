"""The send engine: jobs, the journal, batches, retries, failover, pause/cancel, scheduling.

Safety rules, in the order they are applied:

1. **The journal comes first.** A batch is committed as ``sending`` (with its messages) before
   its HTTP request leaves. After a crash, ``sending`` batches become ``unknown``
   (:meth:`Engine.recover`) and are never resent automatically; the user may resend unknown
   recipients explicitly (``resume(..., resend_unknown=True)``). To keep the request path
   short, a slot journals its next batch as ``ready`` while the current request is in flight
   (together with the previous batch's outcome, one transaction per batch transition), and a
   cheap commit marks it ``sending`` just before it leaves; a ``ready`` batch never left, so
   a stop or a crash puts it back in the queue. That commit also stores the previous batch's
   outcome in compact form on its batch row (``staged_outcome``), so a crash before the
   transition commits loses no reply that came in: :meth:`Engine.recover` applies it first.
   If the store refuses to record an outcome even after retries, those recipients become
   ``unknown`` and the job is not ``done``.
2. **Only certain failures are retried**: the connection was refused, DNS failed, or the connect
   timed out (:class:`~sms_desktop.core.errors.NotSentError`). A read timeout, a dropped
   connection, an HTTP 5xx or an unreadable reply is ``unknown``.
3. **Failover** to the backup account happens only for account-level rejections (balance,
   authentication, locked or disabled account). An unknown outcome never fails over.
4. Invalid, duplicate and blacklisted recipients are ``skipped`` with the reason, and nothing is
   sent to them.
"""
