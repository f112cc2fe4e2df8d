-- The W3C trace context of the request that queued a message (null with tracing off, or for a trace not sampled),
-- so that its delivery joins the request's trace: a traceparent is 55 characters in version 00; a tracestate longer
-- than the 512 characters every tracer must keep is not stored.
alter table outbox add column trace_parent varchar(55), add column trace_state varchar(512);
