pytest_plugins = ["pytester", "tests.xdist_groups"]


def pytest_configure(config) -> None:
    # known to pytest-xdist; registered here too so runs with -p no:xdist do not warn
    config.addinivalue_line("markers", "xdist_group(name): run these tests on one xdist worker (--dist loadgroup)")
