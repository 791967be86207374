#! argv: check
#! apps: blog
from django.db import models


class Person(models.Model):
    pass


class Group(models.Model):
    members = models.ManyToManyField(Person, through='Membership', through_fields=('group', 'person'))
    invited = models.ManyToManyField(Person, through='Membership', through_fields=('group', 'inviter'), related_name='invited_to')
    again = models.ManyToManyField(Person, through='Membership', through_fields=('group', 'person'), related_name='again_to')


class Membership(models.Model):
    group = models.ForeignKey(Group, on_delete=models.CASCADE)
    person = models.ForeignKey(Person, on_delete=models.CASCADE)
    inviter = models.ForeignKey(Person, on_delete=models.CASCADE, related_name='invites')
