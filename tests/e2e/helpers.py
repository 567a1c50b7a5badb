"""What the browser tests do again and again: fill questions, attach files, ask axe-core."""

from tests.factories import PDF


def q(code: str) -> str:
    return f"section[data-question='{code}']"


def wait_saved(page, code: str) -> None:
    page.wait_for_selector(f"[id='state-{code}'] [data-state=saved]")


def answer(page, code: str, kind: str) -> None:
    """Answer one question as an officer would and wait until the server has it."""
    section = page.locator(q(code))
    if kind in ("single_choice", "yes_no"):
        section.locator("input[type=radio]").first.check()
    elif kind == "multi_choice":
        section.locator("input[type=checkbox]").first.check()
    elif kind == "number":
        section.locator("input[type=number]").fill("1")
        section.locator("input[type=number]").blur()
    elif kind == "date":
        section.locator("input[type=date]").fill("2023-05-01")
        section.locator("input[type=date]").blur()
    else:
        section.locator("textarea").fill("ทดสอบ test")
        section.locator("textarea").blur()
    wait_saved(page, code)


def attach(page, code: str, name: str = "evidence.pdf", data: bytes = PDF) -> None:
    block = page.locator(f"[id='evidence-{code}']")
    block.locator("input[type=file]").set_input_files(
        {"name": name, "mimeType": "application/pdf", "buffer": data}
    )
    block.locator("button[type=submit]").last.click()


def fill_pillar(page) -> int:
    """Answer every visible question of the page (conditions may show more), attach evidence."""
    done: set[str] = set()
    while True:
        todo = [
            (s.get_attribute("data-question"), s.get_attribute("data-type"))
            for s in page.locator("section[data-question]:visible").all()
            if s.get_attribute("data-question") not in done
        ]
        if not todo:
            return len(done)
        for code, kind in todo:
            if kind != "file":
                answer(page, code, kind)
            if page.locator(f"[id='evidence-{code}'] input[type=file]").count():
                attach(page, code)
                page.wait_for_selector(f"[id='evidence-{code}'] li[data-file]")
            done.add(code)


def serious_violations(page) -> list[dict]:
    """axe-core's serious and critical findings on the page as it is now."""
    page.add_script_tag(url="/static/vendor/axe-core/axe.min.js")  # from the portal: the CSP allows it
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def approve(page) -> None:
    """The approver submits as the pages lead them: from the response (or the whole response)
    to the check page, where the warnings stand above the declaration they must tick."""
    if page.locator("button[data-action=approve]").count() == 0:
        page.click("a[data-action=approve]")
        page.wait_for_load_state()
    page.check("#declaration")
    page.click("button[data-action=approve]")
    page.wait_for_load_state()
