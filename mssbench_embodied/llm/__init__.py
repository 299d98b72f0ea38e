"""The llm layer: the OpenAI-compatible client that policies and the LLM judge share.

- :mod:`~mssbench_embodied.llm.chat_client`: :class:`~mssbench_embodied.llm.chat_client.ChatEndpoint`, one
  endpoint (base URL, key, model) with bounded concurrency, retries and a circuit breaker.
- :mod:`~mssbench_embodied.llm.retry`: what is transient, backoff with jitter, ``Retry-After``, key scrubbing.
- :mod:`~mssbench_embodied.llm.images`: images as size-capped data URLs (and array/PIL helpers).
- :mod:`~mssbench_embodied.llm.options`: checking the options a factory receives.
- :mod:`~mssbench_embodied.llm.local_server`: a loopback OpenAI-compatible server for tests, benchmarks and dry runs.

It imports only from ``data`` (and the registry's errors); ``policies`` and ``safety`` stand on it.

Example:
    >>> from mssbench_embodied.llm.retry import RetrySettings, backoff_delay
    >>> backoff_delay(0, RetrySettings(base_delay_s=1.0, jitter=0.0))
    1.0
"""
