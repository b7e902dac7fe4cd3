"""SMS Desktop (短信群发助手): bulk SMS through Chinese SMS gateway accounts."""

__version__ = "0.1.0"
