#! argv: check
#! apps: blog
import datetime
from django.db import models
from django.utils import timezone


class Post(models.Model):
    a = models.DateTimeField(default=timezone.now())
    b = models.DateField(default=datetime.date.today())
    e = models.DateField(default=timezone.now())
    f = models.DateTimeField(default=datetime.date.today())
    g = models.TimeField(default=timezone.now())
    i = models.DateTimeField(default=datetime.datetime(2020, 1, 1))
    j = models.DateTimeField(default=timezone.now)
    k = models.TimeField(default=datetime.time(3, 0))
    l = models.DateField(default=datetime.date(2020, 5, 1))
