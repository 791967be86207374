#! argv: check
#! apps: blog
from django.db import models


class Checked(models.Model):
    title = models.CharField()

    def check(self):
        return True


class Fine(models.Model):
    title = models.CharField(max_length=3)

    @classmethod
    def check(cls, **kwargs):
        return []
