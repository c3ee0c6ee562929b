// An independent open-loop HTTP/1.1 load generator, the "truth" for issue 8's accuracy bar: it
// sends POST requests at a constant rate on a schedule fixed in advance (request i is due at
// start + i / rate), whatever the replies do, over a pool of keep-alive connections (one thread
// each, blocking I/O), and measures each latency from the request's intended send time
// (coordinated-omission corrected, as wrk2 does) and from its actual send. Loopback only.
//
//   cc -O2 -pthread -o target/open_loop scripts/bench-perf/open_loop.c
//   target/open_loop PORT PATH BODY_FILE RATE SECONDS WARMUP_SECONDS [CONNECTIONS]
//
// Prints: sent, completed, failed, p50/p90/p99/p99.9/max of corrected and uncorrected latency (ms).
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static int port;
static char request[65536];
static size_t request_len;
static double rate;
static long total, warmup_count;
static long long start_ns;
static atomic_long next_ticket;
static atomic_long failed;
static double *corrected, *uncorrected;
static atomic_long recorded;

static long long now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000000000LL + t.tv_nsec;
}

static int connect_loopback(void) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port)};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, (struct sockaddr *)&a, sizeof a) != 0) {
        close(fd);
        return -1;
    }
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return fd;
}

// Reads one response with a Content-Length body; returns 0 on success.
static int read_response(int fd) {
    static __thread char buf[1 << 16];
    size_t have = 0;
    char *body = NULL;
    long length = -1;
    while (1) {
        ssize_t n = read(fd, buf + have, sizeof buf - have - 1);
        if (n <= 0) return -1;
        have += n;
        buf[have] = 0;
        if (!body) {
            body = strstr(buf, "\r\n\r\n");
            if (body) {
                body += 4;
                char *cl = strcasestr(buf, "\r\ncontent-length:");
                if (!cl || cl > body) return -1;
                length = strtol(cl + 17, NULL, 10);
                if (strncmp(buf, "HTTP/1.1 200", 12) != 0) return -1;
            }
        }
        if (body && (long)(buf + have - body) >= length) return 0;
        if (have >= sizeof buf - 1) return -1;
    }
}

static void *connection(void *arg) {
    (void)arg;
    int fd = connect_loopback();
    while (1) {
        long i = atomic_fetch_add(&next_ticket, 1);
        if (i >= total) break;
        long long intended = start_ns + (long long)(i * 1e9 / rate);
        struct timespec due = {.tv_sec = intended / 1000000000LL, .tv_nsec = intended % 1000000000LL};
        clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &due, NULL);
        long long sent = now_ns();
        if (fd < 0) fd = connect_loopback();
        if (fd < 0 || write(fd, request, request_len) != (ssize_t)request_len || read_response(fd) != 0) {
            atomic_fetch_add(&failed, 1);
            if (fd >= 0) close(fd);
            fd = -1;
            continue;
        }
        long long done = now_ns();
        if (i >= warmup_count) {
            long k = atomic_fetch_add(&recorded, 1);
            corrected[k] = (done - intended) / 1e6;
            uncorrected[k] = (done - sent) / 1e6;
        }
    }
    if (fd >= 0) close(fd);
    return NULL;
}

static int cmp(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static void report(const char *name, double *v, long n) {
    qsort(v, n, sizeof *v, cmp);
    double q[] = {0.5, 0.9, 0.99, 0.999};
    printf("%s ms:", name);
    const char *label[] = {"p50", "p90", "p99", "p99.9"};
    for (int k = 0; k < 4; k++) printf(" %s=%.2f", label[k], v[(long)(q[k] * (n - 1))]);
    printf(" max=%.2f\n", v[n - 1]);
}

int main(int argc, char **argv) {
    if (argc < 7) {
        fprintf(stderr, "usage: %s PORT PATH BODY_FILE RATE SECONDS WARMUP_SECONDS [CONNECTIONS]\n", argv[0]);
        return 2;
    }
    port = atoi(argv[1]);
    FILE *f = fopen(argv[3], "rb");
    if (!f) { perror(argv[3]); return 2; }
    char body[32768];
    size_t body_len = fread(body, 1, sizeof body, f);
    fclose(f);
    rate = atof(argv[4]);
    double seconds = atof(argv[5]), warmup = atof(argv[6]);
    int connections = argc > 7 ? atoi(argv[7]) : 32;
    request_len = snprintf(request, sizeof request,
            "POST %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nContent-Type: application/json\r\nContent-Length: %zu\r\n\r\n",
            argv[2], port, body_len);
    memcpy(request + request_len, body, body_len);
    request_len += body_len;
    warmup_count = (long)(warmup * rate);
    total = warmup_count + (long)(seconds * rate);
    corrected = calloc(total, sizeof *corrected);
    uncorrected = calloc(total, sizeof *uncorrected);
    pthread_t threads[connections];
    start_ns = now_ns() + 100000000LL;
    for (int c = 0; c < connections; c++) pthread_create(&threads[c], NULL, connection, NULL);
    for (int c = 0; c < connections; c++) pthread_join(threads[c], NULL);
    long n = atomic_load(&recorded);
    printf("rate %.0f/s for %.0f s after %.0f s warm-up: measured %ld, failed %ld\n", rate, seconds, warmup, n, atomic_load(&failed));
    if (n > 0) {
        report("corrected", corrected, n);
        report("uncorrected", uncorrected, n);
    }
    return 0;
}
