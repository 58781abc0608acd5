"""Shows the reason of every skipped test in pytest's summary, also under -q: a skip must say what was not run and why."""


def pytest_configure(config):
    if "s" not in config.option.reportchars and "a" not in config.option.reportchars.lower():
        config.option.reportchars += "s"
