# ruff: noqa: T201, S607 - a command-line report (print) that runs bash and our scripts
"""The whole Banua stack on loopback, a shopper and an artisan journey through it, and
fault drills under traffic. Run by scripts/stack.sh (which starts the services first).

Topology (all 127.0.0.1): Varnish (scripts/services/varnish.sh, its own instance)
-> gunicorn (2 workers, production settings) -> PostgreSQL, Redis, Elasticsearch (through
a TCP relay the drills can cut), the S3 server (media), the task worker (django-tasks-db),
the scheduler. Payments use the demo provider (see README "Production", stack).

Drills, each under bounded traffic (count and time): kill -9 a gunicorn worker, stop and
restart Redis, cut and restore Elasticsearch, kill -9 the task worker mid-task and
start it again. After recovery: every order placed during the drills is paid, every
queued task has succeeded, and the table fault / requests / errors / lost is printed.
Exit status 0 only when nothing was lost and errors stayed within the documented
degraded answers (a request in flight on a killed gunicorn worker).
"""

import contextlib
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlparse

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
SERVICES = Path(os.environ.get("BANUA_SERVICES_DIR") or REPO / ".services")
STATE = SERVICES / "stack"
PY = sys.executable
PORT = int(os.environ.get("BANUA_STACK_PORT", "8101"))
ES_RELAY_PORT = int(os.environ.get("BANUA_STACK_ES_PORT", "8102"))
TRAFFIC_REQUESTS = int(os.environ.get("BANUA_STACK_TRAFFIC", "60"))
TRAFFIC_SECONDS = float(os.environ.get("BANUA_STACK_TRAFFIC_SECONDS", "25"))


def log(message: str) -> None:
    stamp = time.strftime("%H:%M:%S", time.gmtime())
    print(f"[{stamp} stack] {message}", file=sys.stderr, flush=True)


# ------------------------------------------------------------------ environment ----


def stack_env() -> dict[str, str]:
    env = dict(os.environ)
    base_db = env["DATABASE_URL"].rsplit("/", 1)[0]
    env.update(
        DJANGO_SETTINGS_MODULE="banua.settings.production",
        SECRET_KEY=env.get("BANUA_STACK_SECRET_KEY") or secrets.token_urlsafe(60),
        DATABASE_URL=f"{base_db}/banua_stack",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="0",
        SECURE_COOKIES="0",
        SECURE_HSTS_SECONDS="0",
        STATIC_ROOT=str(STATE / "static"),
        MEDIA_ROOT=str(STATE / "media"),
        ELASTICSEARCH_URL=f"http://127.0.0.1:{ES_RELAY_PORT}",
        ELASTICSEARCH_INDEX_PREFIX="banua_stack",
        # E-mails are printed into the worker's log (stack/worker.log).
        EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend",
        WEB_CONCURRENCY="2",
        GUNICORN_BIND=f"127.0.0.1:{PORT}",
        GUNICORN_ACCESS_LOG="",
        # Tasks of a killed worker elsewhere would wait this long; locally they are
        # requeued at once by the next worker's start.
        TASKS_STALE_AFTER="60",
        TASKS_RETRY_DELAY="2",
        LOG_LEVEL="WARNING",
        # The demo provider in production settings must be switched on explicitly.
        BANUA_DEMO_PAYMENTS="true",
        PYTHONUNBUFFERED="1",
    )
    # Demo payments: the journeys pay on the demo page (stripe-mock keeps running for
    # the suite, but Checkout's hosted page cannot be driven without a browser).
    for key in ("STRIPE_SECRET_KEY", "STRIPE_PUBLISHABLE_KEY", "STRIPE_WEBHOOK_SECRET"):
        env.pop(key, None)
    env.setdefault("ELASTICSEARCH_TARGET", os.environ.get("ELASTICSEARCH_URL", ""))
    return env


ENV: dict[str, str] = {}


def manage(*args: str, check: bool = True, timeout: float = 600) -> int:
    return subprocess.run(  # noqa: S603 - our own manage.py
        [PY, "manage.py", *args], cwd=REPO, env=ENV, check=check, timeout=timeout
    ).returncode


def database_reset() -> None:
    import psycopg

    url = ENV["DATABASE_URL"]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS banua_stack WITH (FORCE)")
        conn.execute("CREATE DATABASE banua_stack")


# ------------------------------------------------------------- processes -----------


class Proc:
    def __init__(self, name: str, argv: list[str]):
        self.name, self.argv, self.proc = name, argv, None

    def start(self) -> "Proc":
        out = open(STATE / f"{self.name}.log", "ab")  # noqa: SIM115 - kept for the child
        self.proc = subprocess.Popen(  # noqa: S603 - our own programs
            self.argv, cwd=REPO, env=ENV, stdout=out, stderr=subprocess.STDOUT
        )
        return self

    @property
    def pid(self) -> int:
        return self.proc.pid

    def stop(self, timeout: float = 30) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)

    def kill9(self) -> None:
        self.proc.kill()
        self.proc.wait(timeout=10)


def children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == pid:
                found.append(int(stat.parent.name))
    return sorted(found)


def wait_http(url: str, timeout: float = 90) -> None:
    import requests

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(requests.RequestException):
            if requests.get(url, timeout=5).status_code < 500:
                return
        time.sleep(0.5)
    raise RuntimeError(f"{url} did not answer within {timeout}s")


class Relay:
    """A TCP relay to Elasticsearch that the drill can cut (refuse connections) and
    restore, without touching a node other work may share."""

    def __init__(self, port: int, target: str):
        parsed = urlparse(target)
        self.target = (parsed.hostname or "127.0.0.1", parsed.port or 9200)
        self.port = port
        self.up = threading.Event()
        self.server = None
        self.thread = None

    def start(self) -> None:
        self.server = socket.socket()
        self.server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.server.bind(("127.0.0.1", self.port))
        self.server.listen(64)
        self.up.set()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.up.clear()
        if self.server is not None:
            with contextlib.suppress(OSError):
                self.server.shutdown(socket.SHUT_RDWR)
            self.server.close()
            self.server = None
        if self.thread is not None:
            self.thread.join(timeout=5)

    def _serve(self) -> None:
        server = self.server
        while self.up.is_set():
            try:
                client, _ = server.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(src: socket.socket, dst: socket.socket) -> None:
        try:
            while chunk := src.recv(65536):
                dst.sendall(chunk)
        except OSError:
            pass
        finally:
            for sock in (src, dst):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)


def service(name: str, action: str) -> None:
    subprocess.run(  # noqa: S603 - our own scripts
        ["bash", str(REPO / "scripts" / "services" / f"{name}.sh"), action],
        cwd=REPO,
        env={**os.environ, "TZ": "UTC"},  # django.setup() set the site's zone here
        check=True,
        stdout=subprocess.DEVNULL,
        timeout=180,
    )


# ------------------------------------------------------------ HTTP journeys --------


class Forms(HTMLParser):
    """The forms of a page: action, method, and the values a browser would send."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.forms.append(
                {
                    "action": a.get("action") or "",
                    "method": (a.get("method") or "get").lower(),
                    "attrs": a,
                    "fields": {},
                    "buttons": [],
                    "files": [],
                }
            )
            return
        if not self.forms:
            return
        form = self.forms[-1]
        name = a.get("name")
        if tag == "input" and name:
            kind = (a.get("type") or "text").lower()
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    form["fields"].setdefault(name, a.get("value", "on"))
            elif kind == "file":
                form["files"].append(name)
            elif kind not in ("submit", "button", "image"):
                form["fields"].setdefault(name, a.get("value", ""))
        elif tag == "button":
            form["buttons"].append(a)
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select:
            if "selected" in a or self._select not in form["fields"]:
                if a.get("value"):
                    form["fields"][self._select] = a.get("value")
        elif tag == "textarea" and name:
            self._textarea = name
            form["fields"][name] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        if tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea and self.forms:
            self.forms[-1]["fields"][self._textarea] += data


def submit(session, url: str, match, data=None, files=None, expect: str = ""):
    """GET url, pick the form for which match(form) is true, fill, POST it."""
    page = session.get(url, timeout=30)
    page.raise_for_status()
    parser = Forms()
    parser.feed(page.text)
    forms = [form for form in parser.forms if match(form)]
    if not forms:
        raise AssertionError(f"no matching form on {url}")
    form = forms[0]
    fields = {**form["fields"], **(data or {})}
    target = urljoin(page.url, form["action"] or page.url)
    response = session.post(
        target, data=fields, files=files, timeout=30, headers={"Referer": page.url}
    )
    if response.status_code >= 400 or (expect and expect not in response.url):
        snippet = re.sub(r"\s+", " ", response.text)
        errors = re.findall(r'class="[^"]*error[^"]*"[^>]*>(.{0,200})', snippet)
        raise AssertionError(
            f"POST {target} -> {response.status_code} {response.url}; {errors[:5]}"
        )
    return response


def base_url() -> str:
    return ENV.get("BANUA_FRONT_URL") or f"http://127.0.0.1:{PORT}"


def shopper_journey(slugs: list[str]) -> str:
    """Two products from two vendors, one cart, demo payment; returns the order number."""
    import requests

    from tests.marketplace.factories import ADDRESS

    s = requests.Session()
    base = base_url()
    for slug in slugs:
        submit(
            s,
            f"{base}/produk/{slug}/",
            lambda form: "buy-form" in form["attrs"].get("class", ""),
            expect="/keranjang/",
        )
    paid = submit(
        s,
        f"{base}/checkout/",
        lambda form: "full_name" in form["fields"] or "email" in form["fields"],
        data={key: value for key, value in ADDRESS.items() if key != "province"},
        expect="/demo/",
    )
    number = paid.url.rstrip("/").split("/")[-2]
    submit(
        s,
        paid.url,
        lambda form: any(b.get("id") == "demo-pay" for b in form["buttons"]),
        expect="/berhasil/",
    )
    return number


def artisan_journey(username: str, password: str) -> str:
    """Log in, add a product with a photo (S3), see it in the dashboard list."""
    import requests

    from tests.vendors.images import jpeg_upload

    s = requests.Session()
    base = base_url()
    submit(
        s,
        f"{base}/akun/masuk/",
        lambda form: "password" in form["fields"],
        data={"username": username, "password": password},
        expect="/dasbor/",
    )
    name = f"Tas Purun Stack {secrets.token_hex(3)}"
    photo = jpeg_upload(size=(400, 300))
    data = {
        "name": name,
        "description": "Anyaman purun dari Amuntai.",
        "status": "published",
        "variants-0-sku": f"PURUN-{secrets.token_hex(2)}",
        "variants-0-size": "Besar",
        "variants-0-is_active": "on",
        "variants-0-price": "120000",
        "variants-0-stock": "7",
        "variants-0-weight_grams": "400",
    }
    saved = submit(
        s,
        f"{base}/dasbor/produk/baru/",
        lambda form: "name" in form["fields"],
        data=data,
        files={"photos": ("purun.jpg", photo.read(), "image/jpeg")},
    )
    if saved.url.endswith("/baru/"):
        errors = re.findall(
            r'class="(?:error|form-errors)"[^>]*>(.{0,160})', saved.text
        )
        raise AssertionError(f"the product form was refused: {errors[:5]}")
    listing = s.get(f"{base}/dasbor/produk/", timeout=30)
    if name not in listing.text:
        raise AssertionError("the new product is not in the artisan's list")
    return name


# ------------------------------------------------------------------- traffic --------


class Traffic:
    """Two threads of anonymous GETs, bounded by count and time; counts 5xx/failures."""

    def __init__(self, paths: list[str]):
        self.paths = paths
        self.requests = 0
        self.errors: list[str] = []
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._threads = []

    def __enter__(self):
        for n in range(2):
            thread = threading.Thread(target=self._run, args=(n,), daemon=True)
            thread.start()
            self._threads.append(thread)
        return self

    def _run(self, n: int) -> None:
        import requests

        deadline = time.monotonic() + TRAFFIC_SECONDS
        i = n
        while not self._stop.is_set() and time.monotonic() < deadline:
            with self._lock:
                if self.requests >= TRAFFIC_REQUESTS:
                    return
                self.requests += 1
            path = self.paths[i % len(self.paths)]
            i += 2
            try:
                response = requests.get(base_url() + path, timeout=20)
                if response.status_code >= 500:
                    self.errors.append(f"{response.status_code} {path}")
            except requests.RequestException as exc:
                self.errors.append(f"{exc.__class__.__name__} {path}")
            time.sleep(0.05)

    def wait(self) -> None:
        for thread in self._threads:
            thread.join(timeout=TRAFFIC_SECONDS + 30)

    def __exit__(self, *exc):
        self.wait()
        self._stop.set()


# -------------------------------------------------------------------- main --------


def main() -> int:  # noqa: C901 - one linear script
    STATE.mkdir(parents=True, exist_ok=True)
    ENV.update(stack_env())
    os.environ.update(ENV)
    started = time.monotonic()
    log("database banua_stack: reset, migrate, collectstatic")
    if not os.environ.get("BANUA_STACK_KEEP_DB"):  # for quick local iterations only
        database_reset()
    manage("migrate", "--noinput", "-v0")
    # Every run: copying only what changed is quick, and a manifest from an older
    # checkout would miss new files (a 500 on every page that names one).
    manage("collectstatic", "--noinput", "-v0")

    import django

    django.setup()
    from django_tasks_db.compat import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from marketplace.models import Order, OrderStatus
    from tests.deploy.tasks import trace_task

    # Sequences from the clock: a kept database (BANUA_STACK_KEEP_DB) has earlier rows.
    from tests.marketplace import factories as market_factories
    from tests.marketplace.factories import sellable_variant
    from tests.vendors import factories as vendor_factories
    from tests.vendors.factories import UserFactory, VendorFactory

    for module in (market_factories, vendor_factories):
        for value in vars(module).values():
            if isinstance(value, type) and hasattr(value, "reset_sequence"):
                with contextlib.suppress(Exception):
                    value.reset_sequence(int(time.time()))
    cloth = sellable_variant(vendor=VendorFactory(name="Sasirangan Galuh"), stock=500)
    snack = sellable_variant(vendor=VendorFactory(name="Dapur Bingka"), stock=500)
    slugs = [cloth.product.slug, snack.product.slug]
    artisan_name = f"stack-artisan-{int(time.time())}"
    artisan = UserFactory(username=artisan_name)
    VendorFactory(owner=artisan, name="Purun Amuntai")
    password = "secret-pass-123"  # noqa: S105 - the factories' test password

    relay = Relay(ES_RELAY_PORT, ENV["ELASTICSEARCH_TARGET"] or "http://127.0.0.1:9200")
    relay.start()
    manage("search_reindex", check=False, timeout=300)
    web = Proc("gunicorn", [PY, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py"])
    worker = Proc("worker", [PY, "manage.py", "tasks_worker", "--interval", "0.2"])
    scheduler = Proc("scheduler", [PY, "manage.py", "scheduler"])
    front = None
    rows: list[tuple[str, int, int, str, int]] = []
    allowed_errors: dict[str, int] = {}
    orders: list[str] = []
    failures: list[str] = []
    browser_line = "not run"
    try:
        front = front_start()
        web.start()
        worker.start()
        scheduler.start()
        wait_http(f"http://127.0.0.1:{PORT}/healthz")
        wait_http(base_url() + "/healthz")
        log(f"stack up at {base_url()} (gunicorn workers {children(web.pid)})")

        paths = ["/", "/produk/", "/produk/?q=kain", f"/produk/{slugs[0]}/", "/healthz"]

        log("browser journeys (Chromium) through " + base_url())
        browser_line = browser_journeys(slugs, artisan_name, password, orders)
        log(browser_line)

        log("journeys: shopper, artisan")
        orders.append(shopper_journey(slugs))
        artisan_journey(artisan_name, password)

        if os.environ.get("BANUA_STACK_JOURNEYS_ONLY"):  # quick local iterations
            raise SystemExit(0)

        def drill(name: str, fault, recover, allowed: int = 0):
            log(f"drill: {name}")
            before = set(DBTaskResult.objects.values_list("pk", flat=True))
            number = None
            with Traffic(paths) as traffic:
                time.sleep(1)
                fault()
                try:
                    number = shopper_journey(slugs)
                    orders.append(number)
                except AssertionError as exc:
                    traffic.errors.append(f"journey: {exc}")
                recover()
            new_tasks = set(DBTaskResult.objects.values_list("pk", flat=True)) - before
            rows.append(
                (
                    name,
                    traffic.requests,
                    len(traffic.errors),
                    "; ".join(sorted(set(traffic.errors)))[:120],
                    new_tasks,
                    number,
                )
            )
            allowed_errors[name] = allowed

        def kill_gunicorn_worker():
            victim = children(web.pid)[0]
            log(f"kill -9 gunicorn worker {victim}")
            os.kill(victim, signal.SIGKILL)

        def gunicorn_recovered():
            deadline = time.monotonic() + 30
            while len(children(web.pid)) < 2 and time.monotonic() < deadline:
                time.sleep(0.5)

        # A request in flight on the killed worker gets no answer (sync workers:
        # at most one per worker); the master replaces the worker at once.
        drill("kill -9 gunicorn worker", kill_gunicorn_worker, gunicorn_recovered, 1)
        drill(
            "Redis stopped, restarted",
            lambda: service("redis", "stop"),
            lambda: service("redis", "start"),
        )
        drill("Elasticsearch cut, restored", relay.stop, relay.start)

        trace = STATE / "trace-task"
        trace.unlink(missing_ok=True)

        def kill_task_worker():
            trace_task.enqueue(path=str(trace), seconds=3)
            deadline = time.monotonic() + 30
            while not (trace.exists() and "start" in trace.read_text()):
                if time.monotonic() > deadline:
                    raise AssertionError("the worker never started the trace task")
                time.sleep(0.1)
            log(f"kill -9 task worker {worker.pid} mid-task")
            worker.kill9()

        def worker_restart():
            worker.start()

        drill("kill -9 task worker mid-task", kill_task_worker, worker_restart)

        log("recovery: waiting for the queue to drain")
        deadline = time.monotonic() + 120
        pending = DBTaskResult.objects.exclude(status=TaskResultStatus.SUCCESSFUL)
        while pending.exists() and time.monotonic() < deadline:
            time.sleep(1)
        lost_tasks = list(pending.values_list("task_path", "status"))
        unpaid = list(
            Order.objects.filter(number__in=orders)
            .exclude(status=OrderStatus.PAID)
            .values_list("number", "status")
        )
        missing = sorted(
            set(orders) - set(Order.objects.values_list("number", flat=True))
        )
        if lost_tasks:
            failures.append(f"tasks not done: {lost_tasks}")
        if unpaid or missing:
            failures.append(f"orders lost or unpaid: {unpaid} {missing}")
        if "done" not in (trace.read_text() if trace.exists() else ""):
            failures.append("the task killed mid-run never finished")
        for name, _requests, errors, _detail, _tasks, _number in rows:
            if errors > allowed_errors[name]:
                failures.append(
                    f"{name}: {errors} errors (allowed {allowed_errors[name]})"
                )
    except Exception as exc:  # noqa: BLE001 - reported in the table and the exit code
        failures.append(f"{exc.__class__.__name__}: {exc}")
    finally:
        for proc in (scheduler, worker, web):
            proc.stop()
        if front:
            front_stop()
        relay.stop()
        with contextlib.suppress(Exception):
            service("redis", "start")

    print()
    print(f"browser journeys: {browser_line}")
    print(
        f"{'fault':30} {'requests':>8} {'errors':>6} {'tasks':>5}  {'lost':18} detail"
    )
    results = []
    for name, requests_, errors, detail, task_ids, number in rows:
        lost = lost_in_drill(task_ids, number)
        ok = errors <= allowed_errors.get(name, 0) and lost == "nothing"
        results.append(ok)
        print(
            f"{name:30} {requests_:>8} {errors:>6} {len(task_ids):>5}  {lost:18} "
            f"{detail or '-'}"
        )
    lost_orders = "see below" if unpaid_any(failures) else 0
    print(f"orders placed: {len(orders)}; lost or unpaid: {lost_orders}")
    recovered = not failures
    print(f"lost after recovery: {'nothing' if recovered else '; '.join(failures)}")
    results.append(recovered)
    print(f"stack drills ({time.monotonic() - started:.0f}s):")
    print(f"{sum(results)} passed, {len(results) - sum(results)} failed")
    return 0 if all(results) else 1


def browser_journeys(
    slugs: list[str], artisan_name: str, password: str, orders: list[str]
) -> str:
    """The shopper and artisan journeys in Chromium (scripts/stack_browser.py), once,
    before the drills. The shopper starts from product pages the HTTP cache already
    holds (checked: a HIT), as a first-time visitor would meet them."""
    import requests
    import stack_browser

    from marketplace.models import Product
    from tests.marketplace.factories import ADDRESS

    base = base_url()
    if ENV.get("BANUA_FRONT_URL"):
        for slug in slugs:
            url = f"{base}/produk/{slug}/"
            for _ in range(2):
                response = requests.get(url, timeout=30)
            if response.headers.get("X-Cache") != "HIT":
                raise AssertionError(f"{url} is not served from the HTTP cache")
    started = time.monotonic()
    number = stack_browser.shopper(base, slugs, ADDRESS)
    orders.append(number)
    name = stack_browser.artisan(
        base,
        artisan_name,
        password,
        lambda name: Product.objects.get(name=name).slug,
    )
    return (
        f"shopper paid order {number} from cached product pages; artisan published "
        f"{name!r} with a photo in S3 ({time.monotonic() - started:.0f}s)"
    )


def lost_in_drill(task_ids: set, number: str | None) -> str:
    """What a drill lost, checked after recovery: its order unpaid or missing, its
    tasks not succeeded."""
    from django_tasks_db.compat import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from marketplace.models import Order, OrderStatus

    try:
        tasks = (
            DBTaskResult.objects.filter(pk__in=task_ids)
            .exclude(status=TaskResultStatus.SUCCESSFUL)
            .count()
        )
        order_ok = (
            number is not None
            and Order.objects.filter(number=number, status=OrderStatus.PAID).exists()
        )
    except Exception as exc:  # noqa: BLE001 - the report must still print
        return f"unknown ({exc.__class__.__name__})"
    parts = ([] if order_ok else ["1 order"]) + ([f"{tasks} tasks"] if tasks else [])
    return ", ".join(parts) or "nothing"


def unpaid_any(failures: list[str]) -> bool:
    return any(failure.startswith("orders") for failure in failures)


# ------------------------------------------------------------- HTTP cache hook ------


FRONT_PORT = int(os.environ.get("BANUA_STACK_CACHE_PORT", "8103"))


def _front_env() -> dict[str, str]:
    """The stack's own Varnish (scripts/services/varnish.sh), apart from the one
    `make services` may run: its own state folder, port and backend (gunicorn)."""
    return {
        **ENV,
        "BANUA_SERVICES_DIR": str(STATE / "front"),
        "BANUA_HTTP_CACHE_PORT": str(FRONT_PORT),
        "BANUA_HTTP_CACHE_BACKEND": f"127.0.0.1:{PORT}",
    }


def front_start():
    """Varnish in front of gunicorn; started before gunicorn so that the app, told
    where it is (BANUA_HTTP_CACHE_URL), purges it. BANUA_STACK_NO_CACHE=1 skips it."""
    script = REPO / "scripts" / "services" / "varnish.sh"
    if os.environ.get("BANUA_STACK_NO_CACHE"):
        return None
    env = _front_env()
    subprocess.run(  # noqa: S603 - our own script
        ["bash", str(script), "start"], cwd=REPO, env=env, check=True, timeout=300
    )
    env_file = Path(env["BANUA_SERVICES_DIR"]) / "env.d" / "varnish.env"
    for line in env_file.read_text().splitlines():
        match = re.match(r"export BANUA_HTTP_CACHE_URL=(\S+)", line)
        if match:
            url = match.group(1).strip("'\"")
            ENV["BANUA_HTTP_CACHE_URL"] = ENV["BANUA_FRONT_URL"] = url
    return script


def front_stop() -> None:
    script = REPO / "scripts" / "services" / "varnish.sh"
    with contextlib.suppress(Exception):
        subprocess.run(  # noqa: S603 - our own script
            ["bash", str(script), "stop"], cwd=REPO, env=_front_env(), timeout=120
        )


if __name__ == "__main__":
    sys.exit(main())
