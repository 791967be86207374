#! argv: makemigrations
#! apps: blog
from django.db import models


class Task(models.Model):
    check = models.BooleanField(default=False)


class Other(models.Model):
    check = 5


class Parent(models.Model):
    check = models.ForeignKey(Task, on_delete=models.CASCADE)


class Child(Parent):
    pass


class Tags(models.Model):
    check = models.ManyToManyField(Task)
