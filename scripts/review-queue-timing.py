#!/usr/bin/env python3
"""Times the review queue of a running `names serve`: GET /api/v1/review (first page of 20) and the analysts' page
GET /review (signed in with the key, so it renders the reviewer's next proposal). Standard library only.
Usage: scripts/review-queue-timing.py URL REVIEWER_KEY [RUNS] [FILTER such as minScore=0.75&kind=person]
-> median and max wall time of each, in ms."""
import http.cookiejar, re, statistics, sys, time, urllib.parse, urllib.request

url, key = sys.argv[1].rstrip("/"), sys.argv[2]
runs = int(sys.argv[3]) if len(sys.argv) > 3 else 10
query = sys.argv[4] if len(sys.argv) > 4 else ""
jar = http.cookiejar.CookieJar()
browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))

page = browser.open(url + "/review/sign-in").read().decode()
token = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
form = urllib.parse.urlencode({"csrf": token, "key": key, "returnUrl": "/review"}).encode()
browser.open(urllib.request.Request(url + "/review/sign-in", data=form)).read()

def timed(fetch):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        body = fetch()
        times.append((time.perf_counter() - start) * 1000)
    return times, body

api = lambda: urllib.request.urlopen(urllib.request.Request(url + "/api/v1/review?limit=20&" + query, headers={"Authorization": "Bearer " + key})).read()
page = lambda: browser.open(url + "/review?" + query).read()
for name, fetch in ((f"GET /api/v1/review?limit=20&{query}", api), (f"GET /review?{query}", page)):
    times, body = timed(fetch)
    total = re.search(rb'"total":\s*(\d+)', body)
    print(f"{name}: median {statistics.median(times):.1f} ms, max {max(times):.1f} ms over {runs} runs"
          + (f" (total {total.group(1).decode()})" if total else f" ({len(body)} bytes)"))
