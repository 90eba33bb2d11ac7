from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "ogi.platform.web"
    label = "web"
    verbose_name = "网站"
