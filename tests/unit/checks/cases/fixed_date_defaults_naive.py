#! argv: check
#! apps: blog
#! settings: USE_TZ = False
import datetime
from django.db import models
from django.utils import timezone


class Post(models.Model):
    a = models.DateTimeField(default=timezone.now())
    b = models.DateTimeField(default=datetime.datetime.now())
    c = models.TimeField(default=datetime.datetime.now().time())
    d = models.DateField(default=datetime.date(2021, 1, 1))
