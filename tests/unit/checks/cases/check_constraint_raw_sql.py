#! argv: migrate
#! apps: blog
from django.db import models
from django.db.models.expressions import RawSQL


class Post(models.Model):
    n = models.IntegerField()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=models.Q(n__lt=100), name='plain'),
            models.CheckConstraint(condition=models.Q(n__gt=RawSQL('1', [])), name='raw_q'),
        ]
