/*
 * stream_jitter: opens N concurrent streams to the simulator's Ollama persona (/api/chat, NDJSON)
 * and measures, for every frame after the first, how far the gap since the previous frame of the
 * same stream is from the nominal gap. Independent of the app's own HTTP code on purpose: plain
 * sockets and epoll.
 *
 * It reads while it is still opening streams (a pass over whatever is ready after each connect),
 * and stamps each read when it happens: opening 1,000 connections takes 40-460 ms on a busy
 * two-core machine, and a client that read nothing until all were open measured its own start-up
 * (the first streams' early frames waited in their sockets and arrived together, each pair a
 * 50 ms "error"), not the server.
 *
 * With ROUNDS > 1 the connections are kept alive and each stream asks for the next reply on the
 * same connection as soon as one ends (the chunked body's last chunk), as an HTTP client with a
 * connection pool does; each round is reported on its own. Round 1 then pays for opening the
 * connections (the server's per-connection buffers are new, young objects); later rounds measure
 * streaming on connections that already exist.
 *
 * Build: cc -O2 -o stream_jitter stream_jitter.c -lm
 * Run:   ./stream_jitter PORT STREAMS TOKENS NOMINAL_GAP_MS [ROUNDS]
 *        (start the simulator with: sim --instant --tps 20  for a 50 ms gap)
 *        BY_SECOND=1 in the environment adds a breakdown by second of the run (one round only).
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>
#include <math.h>

typedef struct { int fd; double last; int frames; int done; int round; char tail[16]; char end[8]; } stream_t;

static double now_ms(void) {
  struct timespec ts; clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b; return (x > y) - (x < y);
}

/* counts occurrences of "done": in buf, including one split across the previous read */
static int count_frames(stream_t *s, const char *buf, int n) {
  const char *needle = "\"done\":";
  int nl = strlen(needle), count = 0;
  char joined[16 + 65536];
  int tl = strlen(s->tail);
  memcpy(joined, s->tail, tl); memcpy(joined + tl, buf, n); joined[tl + n] = 0;
  for (char *p = joined; (p = memmem(p, tl + n - (p - joined), needle, nl)); p += nl) count++;
  int keep = (tl + n) < nl - 1 ? (tl + n) : nl - 1;
  memcpy(s->tail, joined + tl + n - keep, keep); s->tail[keep] = 0;
  return count;
}

static int coalesced = 0;
static double *gap_at; static double t_start; /* when each measured gap ended, ms since start (BY_SECOND=1) */
static int rounds = 1;
static const char *request; static int request_len;
#define MAX_ROUNDS 16
static double *jits[MAX_ROUNDS]; static size_t njs[MAX_ROUNDS];

/* true when the chunked body's last chunk ("\r\n0\r\n\r\n") has arrived, including across reads */
static int body_ended(stream_t *s, const char *buf, int n) {
  const char *fin = "\r\n0\r\n\r\n"; int fl = 7;
  char joined[8 + 65536]; int el = strlen(s->end);
  memcpy(joined, s->end, el); memcpy(joined + el, buf, n);
  int total = el + n, ended = total >= fl && memcmp(joined + total - fl, fin, fl) == 0;
  int keep = total < fl - 1 ? total : fl - 1;
  memcpy(s->end, joined + total - keep, keep); s->end[keep] = 0;
  return ended;
}

/* one epoll_wait (timeout in ms; 0 = only what is ready) and the reads it allows; returns the event count */
static int pump(int ep, stream_t *st, int timeout, int tokens, double nominal, double *jit, size_t *nj, int *open) {
  static struct epoll_event evs[512];
  static char buf[65536];
  int k = epoll_wait(ep, evs, 512, timeout);
  for (int e = 0; e < k; e++) {
    stream_t *s = &st[evs[e].data.u32];
    for (;;) {
      int r = read(s->fd, buf, sizeof buf);
      double t = now_ms(); /* per read: a batch of events takes time to go through */
      if (r > 0) {
        int f = count_frames(s, buf, r);
        for (int j = 0; j < f; j++) {
          /* token frames 1..tokens-1; the final object follows the last token at once, as in Ollama */
          if (s->frames >= 1 && s->frames < tokens) {
            if (rounds > 1) jits[s->round][njs[s->round]++] = fabs((t - s->last) - nominal);
            else { if (gap_at) gap_at[*nj] = t - t_start; jit[(*nj)++] = fabs((t - s->last) - nominal); }
          }
          if (j > 0) coalesced++;
          s->last = t; s->frames++;
        }
        if (rounds > 1 && body_ended(s, buf, r)) {
          if (s->frames == tokens + 1) s->done++;
          if (++s->round == rounds) { close(s->fd); (*open)--; break; }
          s->frames = 0; s->tail[0] = 0; s->end[0] = 0;
          if (write(s->fd, request, request_len) != request_len) { perror("write"); close(s->fd); (*open)--; break; }
        }
      } else if (r == 0) { close(s->fd); if (rounds == 1) s->done = 1; (*open)--; break; }
      else { if (errno != EAGAIN) { close(s->fd); (*open)--; } break; }
    }
  }
  return k;
}

int main(int argc, char **argv) {
  if (argc < 5) { fprintf(stderr, "usage: %s PORT STREAMS TOKENS NOMINAL_GAP_MS [ROUNDS]\n", argv[0]); return 2; }
  if (argc > 5) rounds = atoi(argv[5]);
  if (rounds < 1 || rounds > MAX_ROUNDS) { fprintf(stderr, "ROUNDS must be 1..%d\n", MAX_ROUNDS); return 2; }
  int port = atoi(argv[1]), n = atoi(argv[2]), tokens = atoi(argv[3]);
  double nominal = atof(argv[4]);
  struct rlimit rl = { 65536, 65536 }; setrlimit(RLIMIT_NOFILE, &rl);
  char body[512], req[1024];
  snprintf(body, sizeof body, "{\"model\":\"llama3.2\",\"options\":{\"num_predict\":%d},\"messages\":[{\"role\":\"user\",\"content\":\"Tell me a long story about rate limiters\"}]}", tokens);
  int reqlen = snprintf(req, sizeof req, "POST /api/chat HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nConnection: %s\r\nContent-Length: %zu\r\n\r\n%s", rounds > 1 ? "keep-alive" : "close", strlen(body), body);
  request = req; request_len = reqlen;
  for (int r = 0; r < rounds && rounds > 1; r++) jits[r] = malloc((size_t)n * (tokens + 2) * sizeof(double));
  stream_t *st = calloc(n, sizeof *st);
  size_t cap = (size_t)n * (tokens + 2);
  double *jit = malloc(cap * sizeof *jit);
  size_t nj = 0;
  int ep = epoll_create1(0);
  struct sockaddr_in addr = { .sin_family = AF_INET, .sin_port = htons(port) };
  inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
  if (getenv("BY_SECOND") && rounds == 1) gap_at = malloc(cap * sizeof *gap_at);
  double t0 = now_ms(); t_start = t0;
  int open = 0;
  for (int i = 0; i < n; i++) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    int one = 1; setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (connect(fd, (struct sockaddr *)&addr, sizeof addr) < 0) { perror("connect"); return 1; }
    if (write(fd, req, reqlen) != reqlen) { perror("write"); return 1; }
    fcntl(fd, F_SETFL, O_NONBLOCK);
    st[i].fd = fd; st[i].last = -1;
    struct epoll_event ev = { .events = EPOLLIN, .data.u32 = i };
    epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
    open++;
    pump(ep, st, 0, tokens, nominal, jit, &nj, &open);
  }
  while (open > 0) {
    if (pump(ep, st, 30000, tokens, nominal, jit, &nj, &open) <= 0) { fprintf(stderr, "timeout with %d streams open\n", open); break; }
  }
  double wall = now_ms() - t0;
  if (gap_at && nj) { /* before the sort: p99 and share of gaps over 5 ms, second by second */
    for (int sec = 0; sec * 1000.0 < wall; sec++) {
      size_t m = 0, over = 0; double *b = malloc(nj * sizeof *b);
      for (size_t i = 0; i < nj; i++) if (gap_at[i] >= sec * 1000.0 && gap_at[i] < (sec + 1) * 1000.0) { b[m++] = jit[i]; over += jit[i] > 5; }
      if (m) { qsort(b, m, sizeof *b, cmp); printf("second %d: gaps=%zu over 5 ms=%zu p99=%.2f\n", sec, m, over, b[(size_t)(m * 0.99)]); }
      free(b);
    }
  }
  qsort(jit, nj, sizeof *jit, cmp);
  int complete = 0; long frames = 0;
  for (int i = 0; i < n; i++) {
    if (rounds > 1) complete += st[i].done == rounds; else complete += st[i].done && st[i].frames == tokens + 1;
    frames += st[i].frames;
  }
  printf("streams=%d complete=%d frames=%ld wall_ms=%.0f gaps_measured=%zu coalesced=%d\n", n, complete, frames, wall, nj, coalesced);
  if (nj) printf("gap jitter ms (|gap - %.0f|): p50=%.2f p90=%.2f p99=%.2f p99.9=%.2f max=%.2f\n", nominal,
                 jit[nj / 2], jit[(size_t)(nj * 0.9)], jit[(size_t)(nj * 0.99)], jit[(size_t)(nj * 0.999)], jit[nj - 1]);
  for (int r = 0; r < rounds && rounds > 1; r++) {
    size_t m = njs[r]; double *a = jits[r];
    qsort(a, m, sizeof *a, cmp);
    if (m) printf("round %d (%s connections): gaps=%zu p50=%.2f p90=%.2f p99=%.2f p99.9=%.2f max=%.2f\n", r + 1, r == 0 ? "new" : "kept",
                   m, a[m / 2], a[(size_t)(m * 0.9)], a[(size_t)(m * 0.99)], a[(size_t)(m * 0.999)], a[m - 1]);
  }
  return complete == n ? 0 : 1;
}
