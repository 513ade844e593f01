"""The listening pages in a real browser: Debian's Chromium driven by Playwright, against
the app `narrator serve` runs, on 127.0.0.1. axe-core (tests/vendor/axe.min.js, 4.14.1)
checks WCAG 2.2 AA; the rest is what a keyboard and screen-reader user does.

Without /usr/bin/chromium these tests skip, except under CI=true, where they fail.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from narrator.feed.pages import page_path
from tests.loopback import narrator_server
from tests.test_pages import make_site

pytestmark = pytest.mark.slow

CHROMIUM = Path(os.environ.get("NARRATOR_CHROMIUM", "/usr/bin/chromium"))
"""Debian's Chromium; the variable exists so a test can show what happens without it."""
AXE = Path(__file__).parent / "vendor" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--mute-audio",
]
SCREENS = os.environ.get("NARRATOR_SCREENSHOTS")
"""A folder to keep the screenshots in; a temporary one otherwise."""


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI needs Chromium at {CHROMIUM} (.ci/run installs it with apt-get)")
        pytest.skip(f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path, list]]:
    """The app `narrator serve` runs, on an ephemeral port, over a feed of three episodes."""
    root = tmp_path_factory.mktemp("pages-browser")
    (root / "out").mkdir()
    with narrator_server(root / "out") as base:
        config, folder, episodes = make_site(root, f"{base}/show/")
        yield base, folder, episodes


@pytest.fixture
def page(browser, served):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("dialog", lambda dialog: (errors.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    yield page
    context.close()
    assert not errors, errors  # no script error, and no alert() from a title or the text


def _url(served, which: int | None) -> str:
    base, folder, episodes = served
    if which is None:
        return f"{base}/show/"
    return f"{base}/show/" + page_path(folder, episodes[which]).relative_to(folder).as_posix()


def _open(page, served, which: int | None = 0) -> None:
    page.goto(_url(served, which))
    page.wait_for_function(
        "document.getElementById('audio') ? document.getElementById('audio').readyState >= 1 : true"
    )


def _axe(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    return [{"id": v["id"], "nodes": [n["target"] for n in v["nodes"]]} for v in result["violations"]]


def _time(page) -> float:
    return page.evaluate("document.getElementById('audio').currentTime")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("which", [None, 0, 1, 2], ids=["show", "episode", "scripted", "bare"])
def test_axe_finds_no_violations(page, served, which, scheme) -> None:
    page.emulate_media(color_scheme=scheme)
    _open(page, served, which)
    if which == 0:  # the highlight and pressed state are checked too
        page.click("#play")
        page.wait_for_function("document.getElementById('audio').currentTime > 0.5")
        page.evaluate("document.getElementById('audio').pause()")
    assert _axe(page) == []


def test_enter_on_a_sentence_or_chapter_seeks_to_its_start(page, served) -> None:
    _open(page, served)
    cues = page.locator("#transcript button.cue")
    assert cues.count() > 10 and page.locator("#transcript span.cue").count() == 0
    for index in (7, 3, cues.count() - 1):
        cue = cues.nth(index)
        cue.focus()
        page.keyboard.press("Enter")
        assert abs(_time(page) - float(cue.get_attribute("data-start"))) <= 0.1
    chapters = page.locator("nav button.chapter")
    assert chapters.count() == 3
    for index in (2, 1):
        chapters.nth(index).focus()
        page.keyboard.press("Enter")
        assert abs(_time(page) - float(chapters.nth(index).get_attribute("data-start"))) <= 0.1
    assert page.evaluate("document.activeElement") == page.evaluate("document.activeElement")


def test_playing_marks_one_sentence_and_one_chapter_without_moving_focus(page, served) -> None:
    from playwright.sync_api import expect

    _open(page, served)
    second = page.locator("nav button.chapter").nth(1)
    second.focus()
    page.keyboard.press("Enter")
    page.locator("#play").focus()
    page.keyboard.press("Enter")
    # the button says "pressed" once the audio element reports it plays (its play event),
    # which may come a moment after the key: wait for it, up to Playwright's 5 s
    expect(page.locator("#play")).to_have_attribute("aria-pressed", "true")
    focused = page.evaluate("document.activeElement.id")
    seen = set()
    for _ in range(10):  # 2 s of playing
        time.sleep(0.2)
        current = page.locator("#transcript [aria-current='true']")
        assert current.count() == 1
        assert page.locator("nav [aria-current='true']").count() == 1
        seen.add(current.get_attribute("data-start"))
        assert page.evaluate("document.activeElement.id") == focused == "play"
    assert len(seen) >= 2  # the highlight moved on while focus stayed put
    assert page.locator("nav [aria-current='true']").inner_text().startswith("What you will hear")
    style = page.evaluate(
        """() => { const s = getComputedStyle(document.querySelector('#transcript [aria-current="true"]'));
        return [s.textDecorationLine, s.fontWeight]; }"""
    )
    assert "underline" in style[0]
    chapter_weight = page.evaluate(
        "getComputedStyle(document.querySelector('nav [aria-current=\"true\"]')).fontWeight"
    )
    assert int(chapter_weight) >= 700
    page.keyboard.press("Enter")
    expect(page.locator("#play")).to_have_attribute("aria-pressed", "false")


@pytest.mark.parametrize("which", [None, 0], ids=["show", "episode"])
def test_every_control_shows_a_focus_outline_and_is_big_enough(page, served, which) -> None:
    _open(page, served, which)
    count = page.evaluate(
        "document.querySelectorAll('a[href], button, select, input,"
        ' [tabindex]:not([tabindex="-1"])\').length'
    )
    visited = []
    for _ in range(count + 2):  # bounded: one Tab per focusable control and a little more
        page.keyboard.press("Tab")
        info = page.evaluate(
            """() => { const e = document.activeElement; if (e === document.body) return null;
            const s = getComputedStyle(e); const r = e.getBoundingClientRect();
            return {tag: e.tagName, text: e.textContent.trim().slice(0, 40),
                    outline: parseFloat(s.outlineWidth), style: s.outlineStyle, w: r.width, h: r.height}; }"""
        )
        if info is None or (visited and info == visited[0]):
            break
        visited.append(info)
    assert len(visited) >= (20 if which == 0 else 8)
    for info in visited:
        assert info["style"] != "none" and info["outline"] >= 2, info
        assert info["w"] >= 24 and info["h"] >= 24, info


def test_the_accessibility_tree_names_every_control(page, served) -> None:
    _open(page, served)
    tree = page.locator("body").aria_snapshot()
    controls = [
        line.strip() for line in tree.splitlines() if re.match(r"\s*- (button|link|combobox|slider)\b", line)
    ]
    assert len(controls) > 20
    unnamed = [line for line in controls if not re.match(r'- \w+ "[^"]+"', line)]
    assert unnamed == []
    for expected in (
        'button "Play"',
        'button "Back 15 seconds"',
        'button "Forward 30 seconds"',
        'combobox "Speed"',
        'slider "Position"',
        'button "What you will hear',
        'link "Podcast feed',
    ):
        assert any(line.startswith("- " + expected) for line in controls), expected
    assert not re.search(r'button "Play" \[pressed', tree)
    page.click("#play")
    assert re.search(r'button "Play" \[pressed\]', page.locator("#player").aria_snapshot())
    assert re.search(r'navigation "Chapters"', tree) and re.search(r'heading "Transcript" \[level=2\]', tree)


def test_the_show_pages_tree_names_its_links_and_cover(page, served) -> None:
    _, _, episodes = served
    _open(page, served, None)
    tree = page.locator("body").aria_snapshot()
    links = [line.strip().rstrip(":") for line in tree.splitlines() if re.match(r"\s*- link\b", line)]
    assert len(links) >= 3 * len(episodes) and all(re.match(r'- link "[^"]+"', line) for line in links)
    assert 'img "Cover art of Ears & <Eyes>"' in tree
    for episode in episodes:
        assert f'- link "Listen to {episode.title} with the transcript"' in links
        assert any(line.startswith(f'- link "MP3 of {episode.title} (') for line in links)


def test_shortcuts_act_only_inside_the_player_and_never_in_the_speed_select(page, served) -> None:
    _open(page, served)
    paused = "document.getElementById('audio').paused"
    page.locator("h1").click()  # focus outside the player: single keys do nothing
    for key in ("k", " ", "j", "l", "ArrowRight"):
        page.keyboard.press(key)
    assert page.evaluate(paused) and _time(page) == 0
    page.locator("#transcript button.cue").nth(4).focus()
    page.keyboard.press("l")
    page.keyboard.press("k")
    assert page.evaluate(paused) and _time(page) == 0
    page.locator("#speed").focus()
    for key in ("k", "j", "l", " "):
        page.keyboard.press(key)
    assert page.evaluate(paused) and _time(page) == 0
    page.keyboard.press("Escape")
    page.locator("[data-skip='30']").focus()
    page.keyboard.press("ArrowRight")
    assert abs(_time(page) - 5) < 0.1
    page.keyboard.press("l")
    assert _time(page) > 20  # 30 s on, up to the end of this 22 s episode
    page.keyboard.press("j")
    page.keyboard.press("ArrowLeft")
    assert abs(_time(page) - (page.evaluate("document.getElementById('audio').duration") - 20)) < 0.2
    page.keyboard.press("k")
    assert not page.evaluate(paused)
    page.keyboard.press("k")
    assert page.evaluate(paused)
    page.locator("#position").focus()
    page.keyboard.press(" ")
    assert not page.evaluate(paused)


def test_speed_is_set_and_remembered(page, served) -> None:
    _open(page, served)
    page.select_option("#speed", "1.5")
    assert page.evaluate("document.getElementById('audio').playbackRate") == 1.5
    _open(page, served, 1)
    assert page.input_value("#speed") == "1.5"
    assert page.evaluate("document.getElementById('audio').playbackRate") == 1.5
    page.select_option("#speed", "0.75")
    assert page.evaluate("document.getElementById('audio').playbackRate") == 0.75


def test_a_seek_is_announced_once_and_cues_are_not(page, served) -> None:
    _open(page, served)
    live = page.evaluate(
        "document.querySelectorAll('[role=status], [role=alert], [role=log],"
        " [aria-live]:not([aria-live=off])').length"
    )
    assert live == 1 and page.get_attribute("#status", "role") == "status"
    page.locator("nav button.chapter").nth(2).click()
    page.wait_for_function("document.getElementById('status').textContent.length > 0")
    said = page.inner_text("#status")
    assert "18 seconds" in said and "How to move around" in said
    page.locator("nav button.chapter").nth(0).click()
    page.wait_for_function("document.getElementById('status').textContent.startsWith('At 0 seconds')")
    page.click("#play")
    for _ in range(10):  # 2 s of playing through several cues: the status stays as it was
        time.sleep(0.2)
        assert page.inner_text("#status") == "At 0 seconds, Introduction."
    assert page.evaluate("document.getElementById('audio').currentTime") > 1.5


def test_without_the_script_everything_but_syncing_works(browser, served) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(_url(served, 0))
        assert page.get_attribute("audio", "controls") is not None
        assert page.locator("#transcript button, nav button").count() == 0
        assert not page.locator("#controls").is_visible() and page.locator("audio").is_visible()
        hrefs = page.eval_on_selector_all("nav a.chapter", "as => as.map(a => a.getAttribute('href'))")
        assert len(hrefs) == 3 and all(re.fullmatch(r"[\w-]+\.mp3#t=\d+\.\d{3}", h) for h in hrefs)
        assert "Every section is a chapter" in page.inner_text("#transcript")
    finally:
        context.close()
    context = browser.new_context()  # scripts on, ours blocked: axe checks the page as is
    context.route("**/listen.js", lambda route: route.abort())
    page = context.new_page()
    try:
        page.goto(_url(served, 0))
        assert page.locator("#controls").is_hidden() and page.locator("nav a.chapter").count() == 3
        assert _axe(page) == []
    finally:
        context.close()


@pytest.mark.parametrize("width", [1280, 320, 640], ids=["desktop", "narrow", "zoom200"])
@pytest.mark.parametrize("which", [None, 0], ids=["show", "episode"])
def test_readable_without_horizontal_scrolling(browser, served, tmp_path, which, width) -> None:
    """320 px wide, and 200% zoom of a 1280 px window (640 CSS px at twice the pixels)."""
    scale = 2 if width == 640 else 1
    context = browser.new_context(viewport={"width": width, "height": 900}, device_scale_factor=scale)
    page = context.new_page()
    try:
        _open(page, served, which)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0
        wide = page.evaluate(
            """() => [...document.querySelectorAll('body *')].filter(e => {
                 const r = e.getBoundingClientRect(); return r.width > 0 && r.right > innerWidth + 1; })
                 .map(e => e.tagName + '.' + e.className)"""
        )
        assert wide == []
        folder = Path(SCREENS) if SCREENS else tmp_path
        folder.mkdir(parents=True, exist_ok=True)
        shot = folder / f"{'show' if which is None else 'episode'}-{width}.png"
        page.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 10_000
    finally:
        context.close()


def test_dark_scheme_and_reduced_motion(browser, served) -> None:
    context = browser.new_context(color_scheme="dark", reduced_motion="reduce")
    page = context.new_page()
    try:
        _open(page, served)
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        assert sum(int(x) for x in re.findall(r"\d+", background)[:3]) < 150  # a dark page
        assert page.evaluate("getComputedStyle(document.documentElement).scrollBehavior") == "auto"
        page.emulate_media(reduced_motion="no-preference", color_scheme="light")
        assert page.evaluate("getComputedStyle(document.documentElement).scrollBehavior") == "smooth"
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        assert sum(int(x) for x in re.findall(r"\d+", background)[:3]) > 600
    finally:
        context.close()


def test_root_lists_the_feeds(page, served) -> None:
    base, _, _ = served
    page.goto(base + "/")
    link = page.get_by_role("link", name="Ears & <Eyes>", exact=True)
    assert link.get_attribute("href") == "/show/"
    link.click()
    assert page.locator("h1").inner_text() == "Ears & <Eyes>"
    assert _axe(page) == []


@pytest.mark.parametrize("ci", ["", "true"])
def test_without_chromium_the_tests_skip_but_fail_under_ci(tmp_path, ci) -> None:
    import subprocess
    import sys

    env = {**os.environ, "NARRATOR_CHROMIUM": str(tmp_path / "no-chromium"), "CI": ci}
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-rs",
            "-p",
            "no:cacheprovider",
            f"{__file__}::test_root_lists_the_feeds",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        cwd=Path(__file__).parents[1],
    )
    if ci:
        assert run.returncode == 1 and "CI needs Chromium at" in run.stdout
    else:
        assert run.returncode == 0 and "1 skipped" in run.stdout
        assert "Chromium is not installed at" in run.stdout
