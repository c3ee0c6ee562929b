-- wrk script: the OpenAI persona's non-streaming chat completion, same prompt every time
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"model":"gpt-4o-mini","max_tokens":64,"messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Explain what a circuit breaker does in a client library"}]}'

done = function(summary, latency, requests)
  local non2xx = summary.errors.status
  io.write(string.format("requests=%d non2xx=%d socket_errors=%d\n", summary.requests, non2xx,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
